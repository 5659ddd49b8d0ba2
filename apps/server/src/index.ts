/** @module @f2b/server: the daemon as a class, for embedding it or driving it from tests (the bin is f2b-server). */
export { F2bServer, ServerError, VERSION, type ServerOptions } from './server.js';
