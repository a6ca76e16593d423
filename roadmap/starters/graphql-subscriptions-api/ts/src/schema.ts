import { buildSchema, GraphQLError, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Store } from './store.js';

/** A mistake in the request (a bad argument): reported in the GraphQL "errors" list with 200. */
export class UserInputError extends GraphQLError {}

/** What every resolver gets: the store (and, later, what one request shares). */
export interface Context {
  store: Store;
}

const typeDefs = /* GraphQL */ `
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
`;
// Milestone "schema": type Post { id, title, author }, Author.posts, createPost, post(id), posts(first).
// Milestone "subscriptions": type Subscription { postCreated(authorId: ID!): Post! }.

/** A field's resolver: its parent object differs per type, so it is typed where it is written. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Resolver = GraphQLFieldResolver<any, Context, any>;
type Resolvers = Record<string, Record<string, Resolver | { subscribe: Resolver; resolve?: Resolver }>>;

const resolvers: Resolvers = {
  Query: {
    author: (_, args: { id: string }, { store }) => store.findAuthor(args.id),
  },
  Mutation: {
    createAuthor: (_, args: { name: string }, { store }) => {
      if (args.name.trim() === '') throw new UserInputError('name must not be empty');
      return store.createAuthor(args.name);
    },
  },
  // Milestone "n-plus-one": Post.author goes here; load the authors of all posts at once.
};

/** The schema from the type definitions, with each resolver attached to its field. */
export function createSchema(): GraphQLSchema {
  const schema = buildSchema(typeDefs);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!type || !('getFields' in type)) throw new Error(`resolvers name the type ${typeName}, which the schema does not have`);
    for (const [fieldName, r] of Object.entries(fields)) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`resolvers name ${typeName}.${fieldName}, which the schema does not have`);
      Object.assign(field, typeof r === 'function' ? { resolve: r } : r);
    }
  }
  return schema;
}
