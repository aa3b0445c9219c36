/**
 * US daylight-saving change days (Energy Policy Act 2005 rule, in force since 2007): the second Sunday of March and the
 * first Sunday of November. The generator puts stop dates on both sides of them so that the hub's local-time → UTC
 * conversion is exercised where a fixed offset would be wrong.
 */
const DAY_MS = 86_400_000;
/** Epoch ms of midnight UTC of the n-th Sunday of a month (month 0-based). */
function nthSunday(year, month, n) {
    const first = Date.UTC(year, month, 1);
    const firstDow = new Date(first).getUTCDay();
    const firstSunday = first + ((7 - firstDow) % 7) * DAY_MS;
    return firstSunday + (n - 1) * 7 * DAY_MS;
}
export function usDstStart(year) {
    return nthSunday(year, 2, 2);
}
export function usDstEnd(year) {
    return nthSunday(year, 10, 1);
}
export function addDays(dateMs, days) {
    return dateMs + days * DAY_MS;
}
/** `HH:mm` plus whole hours, wrapping past midnight (README assumption 5: an end before the start is on the next day). */
export function addHours(hhmm, hours) {
    const [h, m] = hhmm.split(':').map(Number);
    const total = (h + hours) % 24;
    return `${String(total).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
