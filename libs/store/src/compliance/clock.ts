/**
 * Injection token of the store's clock (`() => Date`): the expiry job and the read-time `daysUntilExpiry` use it,
 * so tests can move time across a local midnight. Absent: the system clock.
 */
export const STORE_CLOCK = Symbol('STORE_CLOCK');
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
