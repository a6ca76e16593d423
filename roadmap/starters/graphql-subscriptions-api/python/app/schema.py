"""The GraphQL schema: its types and resolvers. Strawberry names fields in camelCase (author_id: authorId)."""
import strawberry
from strawberry.types import Info

from .store import AuthorRow


class UserInputError(Exception):
    """A mistake in the request (a bad argument): reported in the GraphQL "errors" list with 200."""


@strawberry.type
class Author:
    id: strawberry.ID
    name: str

    @staticmethod
    def of(row: AuthorRow) -> "Author":
        return Author(id=strawberry.ID(row.id), name=row.name)


# Milestone "schema": a Post type (id, title, author), and Author.posts.
# Milestone "n-plus-one": Post.author loads through a DataLoader kept in the request's context.


@strawberry.type
class Query:
    @strawberry.field
    async def author(self, info: Info, id: strawberry.ID) -> Author | None:
        row = await info.context["store"].find_author(id)
        return Author.of(row) if row else None

    # Milestone "schema": post(id) and posts(first).


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def create_author(self, info: Info, name: str) -> Author:
        if not name.strip():
            raise UserInputError("name must not be empty")
        return Author.of(await info.context["store"].create_author(name))

    # Milestone "schema": create_post(author_id, title).


# Milestone "subscriptions": a Subscription type with post_created(author_id), then
# strawberry.Schema(query=Query, mutation=Mutation, subscription=Subscription).
schema = strawberry.Schema(query=Query, mutation=Mutation)


def context_for(store) -> dict:
    """The context of one operation; a request's shared things (a DataLoader) go here."""
    return {"store": store}
