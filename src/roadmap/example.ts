/** The commented example "Roadmap: New Roadmap File" writes. Pure, so a unit test checks it is valid. */

/** A title from a file's id: "team-backend" -> "Team backend". */
export function titleFromId(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function exampleRoadmap(id: string, title = titleFromId(id)): string {
  return `# A roadmap of your own. Backend Roadmap shows every *.roadmap.yaml of the workspace as a
# root of its Roadmap view, and reports problems in this file in the Problems panel when you save.
# With the YAML extension installed, the schema completes and checks keys as you type.

# The id keeps your progress: change the title freely, the id never.
id: ${id}
title: ${title}
description: What this roadmap is for, in a sentence.

sections:
  - id: foundations
    title: Foundations
    nodes:
      - id: first-api                  # kebab-case, unique in this file
        title: Build a first HTTP API
        summary: Serve JSON from two routes and test them with curl.
        hours: 4                       # your estimate, in hours (optional)
        # A lesson is Markdown: inline here, or in a file beside this one with
        #   lessonFile: lessons/first-api.md
        # (optional too: a topic can be just a summary and resources)
        lesson: |
          ## Why it matters

          Every backend starts with a request and a response.

          ## Try it

          \`\`\`bash
          curl -i http://localhost:3000/health
          \`\`\`

          Links go to the web (https:// only) or to another topic: see [storage](#storage).
        resources:
          - type: docs                 # article, video, course, book, docs, practice or tool
            title: "MDN: An overview of HTTP"
            url: https://developer.mozilla.org/en-US/docs/Web/HTTP/Overview
        # Optional: a quiz under "Check yourself" on the lesson page, brought back for review.
        # 3 to 8 items; a lesson with a "## Self-check" list also takes one model answer per
        # question, under answers:, in order.
        quiz:
          items:
            - id: created              # keys your review history: never rename it
              kind: single             # single, multiple or exact
              prompt: Which status says a POST made a new resource?
              choices:
                - { text: "201", correct: true, why: 201 Created names the new resource. }
                - { text: "200", why: 200 OK says it worked; nothing says something is new. }
                - { text: "204", why: 204 No Content says there is no body to send. }
            - id: health-status
              kind: exact              # a short answer the learner types
              prompt: Which status code does a health check answer when all is well?
              accept: ["200", "200 OK"]
              why: Load balancers and orchestrators treat any 2xx as healthy; 200 is the usual one.
            - id: curl-headers
              kind: multiple           # at least one right and one wrong
              prompt: Which curl flags show the response's status line and headers?
              choices:
                - { text: "-i", correct: true, why: Prints the headers before the body. }
                - { text: "-I", correct: true, why: Sends HEAD and prints only the headers. }
                - { text: "-d", why: That sends a body. }
      - id: storage
        title: Keep data in PostgreSQL
        summary: Store and query what the API serves.
        hours: 6
        prerequisites: [first-api]     # ids of topics to learn first
        lesson: |
          ## Why it matters

          Data outlives the process that wrote it.
        resources:
          - type: docs
            title: PostgreSQL tutorial
            url: https://www.postgresql.org/docs/current/tutorial.html

# Optional: study plans over the same topics, and project ideas that practise them.
plans:
  - id: two-weeks
    title: Two weeks
    unit: week
    phases:
      - id: start
        title: Get going
        nodes: [first-api, storage]

projects:
  - id: notes-api
    title: Notes API
    level: beginner
    summary: A small API that stores notes.
    nodes: [first-api, storage]
    milestones:
      - id: baseline
        title: It runs
        description: GET /health answers 200.
        nodes: [first-api]
`;
}
