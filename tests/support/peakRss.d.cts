/** The peak resident memory of this process (all its threads), in MB. */
export function peakRssMb(): number;
