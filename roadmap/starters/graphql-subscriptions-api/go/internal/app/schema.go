package app

import (
	"context"
	"errors"
	"strings"

	graphql "github.com/graph-gophers/graphql-go"
)

const schemaSDL = `
  schema {
    query: Query
    mutation: Mutation
  }

  type Author {
    id: ID!
    name: String!
  }

  type Query {
    author(id: ID!): Author
  }

  type Mutation {
    createAuthor(name: String!): Author!
  }
`

// Milestone "schema": type Post { id, title, author }, Author.posts, createPost, post(id), posts(first).
// Milestone "subscriptions": type Subscription { postCreated(authorId: ID!): Post! }, added to the
// schema block above; its resolver returns a channel, one value per post.

// NewSchema parses the schema and checks that every field has its resolver method below.
func NewSchema(store Store) *graphql.Schema {
	return graphql.MustParseSchema(schemaSDL, &Resolver{store: store})
}

// Resolver answers the root fields: a method per field of Query, Mutation (and Subscription).
// A returned error lands in the GraphQL "errors" list with 200, unless it wraps ErrUnavailable (503).
type Resolver struct {
	store Store
}

func (r *Resolver) Author(ctx context.Context, args struct{ ID graphql.ID }) (*AuthorResolver, error) {
	a, err := r.store.FindAuthor(ctx, string(args.ID))
	if a == nil || err != nil {
		return nil, err
	}
	return &AuthorResolver{author: *a, store: r.store}, nil
}

func (r *Resolver) CreateAuthor(ctx context.Context, args struct{ Name string }) (*AuthorResolver, error) {
	if strings.TrimSpace(args.Name) == "" {
		return nil, errors.New("name must not be empty")
	}
	a, err := r.store.CreateAuthor(ctx, args.Name)
	if err != nil {
		return nil, err
	}
	return &AuthorResolver{author: a, store: r.store}, nil
}

// AuthorResolver answers the fields of one Author.
type AuthorResolver struct {
	author Author
	store  Store
}

func (a *AuthorResolver) ID() graphql.ID { return graphql.ID(a.author.ID) }
func (a *AuthorResolver) Name() string   { return a.author.Name }

// Milestone "n-plus-one": a PostResolver's Author() goes here; load the authors of all posts of a
// list at once, not one query per post.
