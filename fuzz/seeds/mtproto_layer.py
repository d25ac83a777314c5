"""Hand-built seeds for the `mtproto_layer` fuzz target (run from `fuzz/`):
MTProto containers, results, packed answers and copies, and golden vectors cut into
container bodies. Argument: a golden `.jsonl` file (uncompressed)."""
import struct, gzip, sys, json
def u32(v): return struct.pack("<I", v)
def i64(v): return struct.pack("<q", v)
ping = u32(0x7abe77ec) + i64(7)
ack = u32(0x62d6b459) + u32(0x1cb5c415) + u32(1) + i64(42)
def message(msg_id, seqno, body): return i64(msg_id) + struct.pack("<i", seqno) + struct.pack("<i", len(body)) + body
def container(*bodies): return u32(0x73f1f8dc) + u32(len(bodies)) + b"".join(message(4 * i, i, b) for i, b in enumerate(bodies))
def tlbytes(b):
    h = bytes([len(b)]) if len(b) <= 253 else b"\xfe" + struct.pack("<I", len(b))[:3]
    out = h + b
    return out + b"\0" * (-len(out) % 4)
def packed(inner): return u32(0x3072cfa1) + tlbytes(gzip.compress(inner, mtime=0))
def rpc_result(req, result): return u32(0xf35c6d01) + i64(req) + result
rpc_error = u32(0x2144ca19) + struct.pack("<i", 420) + tlbytes(b"FLOOD_WAIT_7")
bool_true = u32(0x997275b5)
golden = [bytes.fromhex(json.loads(l)["hex"]) for l in open(sys.argv[1])][::500]
seeds = {
    "container": container(ping, ack),
    "container-rpc": container(rpc_result(1, bool_true), rpc_result(2, rpc_error), ping),
    "rpc-true": rpc_result(9, bool_true),
    "rpc-error": rpc_result(9, rpc_error),
    "rpc-packed": rpc_result(9, packed(golden[1])),
    "packed-container": packed(container(ping, rpc_result(3, packed(ack)))),
    "msg-copy": u32(0xe06046b2) + u32(0x5bb8e511) + message(8, 1, ping),
    "container-in-container": container(container(ping), ack),
}
for name, wire in seeds.items():
    open("corpus/mtproto_layer/s-" + name, "wb").write(b"\x00" + wire)
for i, g in enumerate(golden):
    framed = b"".join(bytes([len(c) // 4]) + c for c in [g[j:j + 4 * 60] for j in range(0, len(g), 240)])
    open("corpus/mtproto_layer/c%03d" % i, "wb").write(b"\x02" + framed)
