#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --json outputs parse as JSON (python3's parser) and hold the snapshot's
# own facts: slots in the order of snapshot-pci-list.txt, drivers and
# IOMMU groups of snapshot-pci-devices.txt, the top-level ranges of
# proc/iomem, and values read off the raw files by hand (comments).
: "${JHCONF:?JHCONF not set}" "${DATA:?DATA not set}"
PY=$(command -v python3)
if [ -z "$PY" ]; then
	echo "SKIP: python3 not installed (apt-get install python3)"
	exit 77
fi
S="$DATA/snapshots"
fails=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

for d in "$S"/*/; do
	d=${d%/}; name=${d##*/}
	"$JHCONF" list --json --root "$d" >"$tmp/$name.json" 2>"$tmp/err" ||
		{ fail "$name: list --json: $(cat "$tmp/err")"; continue; }
	"$PY" - "$tmp/$name.json" "$d" <<'PYEOF' || fail "$name: list --json facts"
import json, sys, os, re
doc = json.load(open(sys.argv[1]))
snap = sys.argv[2]
assert doc["schema"] == "jhconf-list" and doc["version"] == 1, "schema"
slots = [p["slot"] for p in doc["pci"]]
lst = os.path.join(snap, "snapshot-pci-list.txt")
if os.path.exists(lst):
    assert slots == open(lst).read().split(), "slots differ from snapshot-pci-list.txt"
devs = os.path.join(snap, "snapshot-pci-devices.txt")
if os.path.exists(devs):
    by = {p["slot"]: p for p in doc["pci"]}
    for line in open(devs):
        slot, _path, drv, grp = line.split()
        drv = drv.split("=", 1)[1]; grp = grp.split("=", 1)[1]
        assert by[slot]["driver"] == (None if drv == "-" else drv), slot + " driver"
        assert by[slot]["iommu_group"] == (None if grp == "-" else int(grp)), slot + " group"
# top-level /proc/iomem lines: "start-end : name" without indentation
top = []
for line in open(os.path.join(snap, "proc/iomem")):
    if not line.startswith(" "):
        r, nm = line.rstrip("\n").split(" : ", 1)
        s, e = r.split("-")
        top.append((int(s, 16), int(e, 16), nm))
got = [(int(n["start"], 16), int(n["end"], 16), n["name"]) for n in doc["mem"]]
assert got == top, "mem top level differs from proc/iomem"
for p in doc["pci"]:
    # an id and a class always parse; a named class has a name
    int(p["vendor"], 16); int(p["device"], 16); int(p["class"], 16)
PYEOF
done

# q35-devices-added, by hand: the e1000e at 00:02.0 has MSI-X with 5
# vectors whose table sits at 0xfead0000 (BAR 3), its class 020000 is
# "Ethernet controller" in pci.ids; VT-d unit 0 at 0xfed90000 covers it.
"$PY" - "$tmp/q35-devices-added.json" <<'PYEOF' || fail "q35-devices-added: e1000e"
import json, sys
doc = json.load(open(sys.argv[1]))
e = [p for p in doc["pci"] if p["slot"] == "0000:00:02.0"][0]
assert e["vendor"] == "0x8086" and e["device"] == "0x10d3"
assert e["class"] == "0x020000" and e["class_name"] == "Ethernet controller"
assert e["msix"]["vectors"] == 5 and e["msix"]["table"] == "0xfead0000" and e["msix"]["bar"] == 3
assert e["jailhouse_iommu_unit"] == 0
assert doc["iommu"]["dmar"]["units"][0]["base"] == "0xfed90000"
assert doc["iommu"]["ivrs"] is None
assert len(doc["uart"]) == 4
PYEOF

# One section alone carries only its key.
"$JHCONF" list uart --json --root "$S/q35-amd" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
assert set(d) == {"schema", "version", "machine", "uart"}, sorted(d)
' || fail "list uart --json: keys"

# show --json against the .cell bytes decoded here with Jailhouse's
# header layout (include/jailhouse/cell-config.h): a system file starts
# with its 6-byte signature ("JHSYST" up to revision 13, "JHSYS" and an
# architecture byte from 14), u16 revision, u32 flags, then
# hypervisor_memory (u64 phys_start, virt_start, size, flags); a cell
# file likewise ("JHCELL" or "JHCLL"), u16 revision, name[32], u32 id
# (set by the driver), u32 flags, u32 cpu_set_size, u32
# num_memory_regions.
for cell in "$DATA"/ref/*/rev1[234]/*.cell "$DATA"/partition/*/*.cell; do
	[ -f "$cell" ] || continue
	"$JHCONF" show --json "$cell" >"$tmp/show.json" 2>"$tmp/err" ||
		{ fail "show --json $cell: $(cat "$tmp/err")"; continue; }
	"$PY" - "$tmp/show.json" "$cell" <<'PYEOF' || fail "show --json $cell: fields"
import json, struct, sys
doc = json.load(open(sys.argv[1]))
raw = open(sys.argv[2], "rb").read()
assert doc["schema"] == "jhconf-cell" and doc["version"] == 1
assert doc["revision"] == struct.unpack_from("<H", raw, 6)[0]
if raw[:5] == b"JHSYS":
    assert doc["kind"] == "system"
    flags, phys, virt, size = struct.unpack_from("<IQQQ", raw, 8)
    assert int(doc["system"]["flags"], 16) == flags
    assert int(doc["system"]["hypervisor_memory"]["phys_start"], 16) == phys
    assert int(doc["system"]["hypervisor_memory"]["size"], 16) == size
else:
    assert raw[:5] in (b"JHCEL", b"JHCLL") and doc["kind"] == "cell"
    c = doc["cell"]
    name = raw[8:40].split(b"\0")[0].decode()
    flags, cpu_set_size, nmem = struct.unpack_from("<III", raw, 44)
    assert c["name"] == name and int(c["flags"], 16) == flags
    assert len(c["memory"]) == nmem
PYEOF
done

# cell list/show --json on a project made here: demo1 with CPU 1 and the
# HD audio controller 00:1b.0 (8086:2668 in the snapshot's config space)
if (cd "$tmp" && "$JHCONF" init --root "$S/q35-jailhouse-doc" >/dev/null &&
    "$JHCONF" cell add demo1 --cpus 1 --pci 00:1b.0 >/dev/null); then
	(cd "$tmp" && "$JHCONF" cell list --json) | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
assert d["schema"] == "jhconf-cells" and d["root_cell"] == "RootCell"
c = d["cells"][0]
assert c["name"] == "demo1" and c["cpus"] == [1] and c["kind"] == "demo"
assert c["pci"] == [{"slot": "0000:00:1b.0", "id": "8086:2668"}], c["pci"]
' || fail "cell list --json"
	(cd "$tmp" && "$JHCONF" cell show demo1 --json) | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
assert d["schema"] == "jhconf-cell" and d["kind"] == "cell"
c = d["cell"]
assert c["name"] == "demo1" and c["cpus"] == [1]
assert "0000:00:1b.0" in [p["bdf"] for p in c["pci_devices"]]
' || fail "cell show --json"
else
	fail "could not make a project"
fi

[ $fails = 0 ] || exit 1
echo "json: every document parses and holds the snapshots' facts"
