// Splits each file named on the command line (a captured TCP stream) with @serialport/parser-spacepacket and prints one
// JSON line per packet: {"apid", "sequenceCount", "dataLength"} as that parser reads the primary header.
'use strict';
const fs = require('fs');
const { SpacePacketParser } = require('@serialport/parser-spacepacket');

for (const file of process.argv.slice(2)) {
  const parser = new SpacePacketParser();
  parser.on('data', (packet) => {
    if (!packet.header) {
      return; // the octets left over at the end of the stream
    }
    const h = packet.header;
    console.log(JSON.stringify({ apid: h.identification.apid, sequenceCount: h.sequenceControl.packetName, dataLength: h.dataLength }));
  });
  parser.end(fs.readFileSync(file));
}
