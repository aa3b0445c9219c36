/**
 * Name list entries, numbered once the list runs out ("Summit Haulers 2"), so names stay unique however many records a
 * simulator makes. Shared by the TrailFlow and CarrierPacket generators: the CarrierPacket sandbox's first carriers
 * reuse TrailFlow's carrier names (and so their e-mails) so that the hub can join the two providers' carriers.
 */
export function nameAt(names: readonly string[], index: number): string {
  const round = Math.floor(index / names.length);
  return round === 0 ? names[index] : `${names[index % names.length]} ${round + 1}`;
}
