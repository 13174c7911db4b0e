import { execFileSync } from 'node:child_process';

/** A TCP port nothing listens on right now (asked of the OS by a short-lived child process). */
export function freePortSync(): number {
  const script =
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
}
