const mebibyte = 1024 ** 2;
const gibibyte = 1024 ** 3;

/** Memory and disk sizes as machines report them: "15.5 GiB", "512 MiB". */
export function formatBytes(bytes: number): string {
  return bytes >= gibibyte
    ? `${(bytes / gibibyte).toFixed(1)} GiB`
    : `${Math.round(bytes / mebibyte)} MiB`;
}
