import sys, shutil, pathlib
# usage: mut.py apply FILE OLD NEW | restore FILE
cmd, f = sys.argv[1], sys.argv[2]
bak = pathlib.Path('.tmp/bak') / f.replace('/', '__')
if cmd == 'apply':
    old, new = sys.argv[3], sys.argv[4]
    bak.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(f, bak)
    s = pathlib.Path(f).read_text()
    assert s.count(old) == 1, f'{s.count(old)} matches'
    pathlib.Path(f).write_text(s.replace(old, new))
else:
    shutil.copy(bak, f)
