/** Where the JSON API is served: every API controller's routes start with it. */
export const API_PREFIX = 'api/v1';
