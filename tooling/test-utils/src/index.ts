/** @module test-utils: shared helpers for f2b's tests (temp trees, Fail2Ban reference tools). */
export { makeTempTree, type TempTree } from './temp-tree.js';
export { fail2banAvailable, findFail2banUpstream, FAIL2BAN_TESTS_DIR, FAIL2BAN_CONFIG_DIR, PYTHON, type Fail2banUpstream } from './fail2ban.js';
export { startRedis, freePort, makeTestCertificates, REDIS_SERVER, type TestRedis, type TestRedisOptions } from './redis-server.js';
export { renderManPage } from './man-page.js';
