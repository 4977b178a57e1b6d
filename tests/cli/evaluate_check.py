#!/usr/bin/python3
"""Independent check of `parley evaluate` (docs/models/evaluation.md).

Reads a parley YAML scenario with PyYAML, rebuilds the utility model from
docs/scenario-format.md (salience-normalised linear or quadratic loss,
explicit option values, linkage), and answers every question of the
evaluation as a mixed-integer linear programme solved by HiGHS (scipy
>= 1.9, scipy.optimize.milp) -- a method that shares no code and no
algorithm with parley's branch and bound.  Then it compares the answers
with `parley evaluate --json` and prints each proposal's figures.

    /usr/bin/python3 tests/cli/evaluate_check.py PARLEY FILE [PROPOSAL...]
        [--fill status-quo|optimise] [--max-changes K] [--parties LIST]
        [--shape linear|quadratic]

Used to produce the expected output of tests/cli/evaluate_*.t (Debian
packages python3-scipy, python3-yaml).  Supports what those scenarios use:
reservations given by the actors, the parties (default: roles party,
mediator, guarantor, veto), the loss shape, the default hard/soft
ratification rule, objective maxmin.
"""
import itertools
import json
import math
import subprocess
import sys

import numpy as np
import yaml
from scipy.optimize import Bounds, LinearConstraint, milp

TOL = 1e-6  # MILP feasibility slack; exact checks are done in floats after


def num(x):
    if isinstance(x, dict):
        return float(x['value'] if 'value' in x else x['mode'])
    return float(x)


class Scenario:
    def __init__(self, path, parties=None, shape=None):
        doc = yaml.safe_load(open(path))
        self.actors = doc['actors']
        self.aid = [a['id'] for a in self.actors]
        self.issues = doc['issues']
        self.K = len(self.issues)
        self.iid = [i['id'] for i in self.issues]
        self.opts = [[o['id'] for o in i.get('options', [])]
                     for i in self.issues]
        self.vals = [[float(o['value']) for o in i.get('options', [])]
                     for i in self.issues]
        self.lo = [float(i.get('scale', {}).get('min', 0)) for i in self.issues]
        self.hi = [float(i.get('scale', {}).get('max', 100))
                   for i in self.issues]
        self.parties = [a for a, act in enumerate(self.actors)
                        if act.get('role', 'party') in
                        ('party', 'mediator', 'guarantor', 'veto')]
        if parties:
            self.parties = [self.aid.index(x) for x in parties.split(',')]
        self.res = [num(self.actors[a]['reservation']) for a in self.parties]
        st = doc.get('stances', {}) or {}
        cons = doc.get('constraints', {}) or {}
        self.red = cons.get('red_lines', []) or []
        self.rat = cons.get('ratification', []) or []
        self.links = cons.get('linkage', []) or []
        self.proposals = doc['proposals']
        # contributions c[p][k][o]
        self.c = []
        for a in self.parties:
            s = st.get(self.aid[a], {}) or {}
            total = sum(num(v['salience']) for v in s.values())
            rows = []
            for k, iss in enumerate(self.issues):
                v = s.get(self.iid[k])
                if v is None or total == 0:
                    rows.append([0.0] * len(self.opts[k]))
                    continue
                w = num(v['salience']) / total
                pos = num(v['position'])
                quad = (shape or iss.get('utility', 'linear')) == \
                    'quadratic'
                ov = v.get('option_values', {}) or {}
                row = []
                for o, x in enumerate(self.vals[k]):
                    if self.opts[k][o] in ov:
                        val = float(ov[self.opts[k][o]])
                    else:
                        d = abs(x - pos) / (self.hi[k] - self.lo[k])
                        val = 1 - d * d if quad else 1 - d
                    row.append(w * val)
                rows.append(row)
            self.c.append(rows)
        # linkage terms per party: (p, ka, kb, weight)
        self.terms = []
        for lk in self.links:
            ka, kb = (self.iid.index(x) for x in lk['issues'])
            for p, a in enumerate(self.parties):
                s = st.get(self.aid[a], {}) or {}
                if 'actor' in lk:
                    if lk['actor'] != self.aid[a]:
                        continue
                elif not (self.iid[ka] in s and self.iid[kb] in s):
                    continue
                self.terms.append((p, ka, kb, num(lk['weight'])))
        # feasibility per option
        self.ok = [[True] * len(self.opts[k]) for k in range(self.K)]
        for rl in self.red:
            if not rl.get('active', True):
                continue
            k = self.iid.index(rl['issue'])
            for o, x in enumerate(self.vals[k]):
                if ('min' in rl and x < rl['min']) or \
                   ('max' in rl and x > rl['max']) or \
                   self.opts[k][o] in rl.get('veto', []):
                    self.ok[k][o] = False
        for rt in self.rat:
            k = self.iid.index(rt['issue'])
            hard = not (num(rt.get('pass_probability', 0)) > 0)
            for o, x in enumerate(self.vals[k]):
                if hard and self.outside(rt, x):
                    self.ok[k][o] = False
        # package order: linked groups (first member order), members
        # ascending
        parent = list(range(self.K))

        def find(i):
            while parent[i] != i:
                i = parent[i]
            return i
        for (_, ka, kb, _) in self.terms:
            ra, rb = find(ka), find(kb)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        groups = {}
        for k in range(self.K):
            groups.setdefault(find(k), []).append(k)
        self.order = [k for r in sorted(groups) for k in groups[r]]

    @staticmethod
    def outside(rt, x):
        return ('min' in rt and x < rt['min']) or ('max' in rt and x > rt['max'])

    def utility(self, x):
        u = []
        for p in range(len(self.parties)):
            v = sum(self.c[p][k][x[k]] for k in range(self.K))
            for (q, ka, kb, w) in self.terms:
                if q == p:
                    fa = (self.vals[ka][x[ka]] - self.lo[ka]) / \
                        (self.hi[ka] - self.lo[ka])
                    fb = (self.vals[kb][x[kb]] - self.lo[kb]) / \
                        (self.hi[kb] - self.lo[kb])
                    v += w * fa * fb
            u.append(v)
        return u

    def nearest(self, k, value):
        best = 0
        for o in range(len(self.vals[k])):
            if abs(self.vals[k][o] - value) < abs(self.vals[k][best] - value):
                best = o
        return best

    def key(self, x):
        return [x[k] for k in self.order]


class Model:
    """Binary z[k][o] per feasible option, w per linked option pair."""

    def __init__(self, sc):
        self.sc = sc
        self.var = {}
        n = 0
        for k in range(sc.K):
            for o in range(len(sc.opts[k])):
                if sc.ok[k][o]:
                    self.var[(k, o)] = n
                    n += 1
        self.pairs = {}
        for (_, ka, kb, _) in sc.terms:
            if (ka, kb) in self.pairs:
                continue
            for oa in range(len(sc.opts[ka])):
                for ob in range(len(sc.opts[kb])):
                    if sc.ok[ka][oa] and sc.ok[kb][ob]:
                        self.pairs[(ka, kb, oa, ob)] = n
                        n += 1
            self.pairs[(ka, kb)] = True
        self.n = n

    def base(self, extra):
        """Rows: one option per issue, linearised products; `extra` more
        continuous variables after the model's."""
        sc, N = self.sc, self.n + extra
        A, lo, hi = [], [], []
        for k in range(sc.K):
            r = np.zeros(N)
            for o in range(len(sc.opts[k])):
                if (k, o) in self.var:
                    r[self.var[(k, o)]] = 1
            A.append(r), lo.append(1), hi.append(1)
        for key, j in self.pairs.items():
            if len(key) != 4:
                continue
            ka, kb, oa, ob = key
            za, zb = self.var[(ka, oa)], self.var[(kb, ob)]
            for zz in (za, zb):  # w <= z
                r = np.zeros(N)
                r[j], r[zz] = 1, -1
                A.append(r), lo.append(-np.inf), hi.append(0)
            r = np.zeros(N)  # w >= za + zb - 1
            r[j], r[za], r[zb] = 1, -1, -1
            A.append(r), lo.append(-1), hi.append(np.inf)
        return A, lo, hi

    def urow(self, p, N):
        sc, r = self.sc, np.zeros(N)
        for (k, o), j in self.var.items():
            r[j] += sc.c[p][k][o]
        for (q, ka, kb, w) in sc.terms:
            if q != p:
                continue
            for key, j in self.pairs.items():
                if len(key) == 4 and key[0] == ka and key[1] == kb:
                    fa = (sc.vals[ka][key[2]] - sc.lo[ka]) / \
                        (sc.hi[ka] - sc.lo[ka])
                    fb = (sc.vals[kb][key[3]] - sc.lo[kb]) / \
                        (sc.hi[kb] - sc.lo[kb])
                    r[j] += w * fa * fb
        return r

    def solve(self, cost, A, lo, hi, N, extra_bounds=None):
        integrality = np.zeros(N)
        lb, ub = np.zeros(N), np.ones(N)
        for j in self.var.values():
            integrality[j] = 1
        if extra_bounds:
            for j, (l, h) in extra_bounds.items():
                lb[j], ub[j] = l, h
        res = milp(c=cost, constraints=LinearConstraint(np.array(A), lo, hi),
                   integrality=integrality, bounds=Bounds(lb, ub),
                   options={'mip_rel_gap': 0, 'presolve': True})
        if res.status != 0:
            return None
        x = [None] * self.sc.K
        for (k, o), j in self.var.items():
            if res.x[j] > 0.5:
                x[k] = o
        return x, res.fun

    def all_optima(self, cost, A, lo, hi, N, fun, bounds=None, limit=64):
        """Every package with objective <= fun + TOL (no-good cuts)."""
        A, lo, hi = list(A), list(lo), list(hi)
        r = np.array(cost, dtype=float)
        A.append(r), lo.append(-np.inf), hi.append(fun + TOL)
        found = []
        while len(found) < limit:
            sol = self.solve(cost, A, lo, hi, N, bounds)
            if sol is None:
                break
            x = sol[0]
            found.append(x)
            r = np.zeros(N)
            for k in range(self.sc.K):
                r[self.var[(k, x[k])]] = 1
            A.append(r), lo.append(-np.inf), hi.append(self.sc.K - 1)
        return found


def fill(sc, pr, mode):
    x, free = [], []
    for k in range(sc.K):
        t = (pr.get('terms') or {}).get(sc.iid[k])
        if isinstance(t, dict):
            t = t.get('option', t.get('value'))
        if t is not None and t != 'open':
            x.append(sc.opts[k].index(t) if t in sc.opts[k]
                     else sc.nearest(k, float(t)))
            continue
        sq = sc.issues[k].get('status_quo')
        if mode == 'status-quo' and sq is not None:
            x.append(sc.opts[k].index(sq) if sq in sc.opts[k]
                     else sc.nearest(k, float(sq)))
            continue
        x.append(None)
        free.append(k)
    if free:  # brute force over the free issues' feasible options
        best, arg = -math.inf, None
        choices = [[o for o in range(len(sc.opts[k])) if sc.ok[k][o]] or
                   list(range(len(sc.opts[k]))) for k in free]
        cands = []
        for combo in itertools.product(*choices):
            y = list(x)
            for k, o in zip(free, combo):
                y[k] = o
            m = min(u - r for u, r in zip(sc.utility(y), sc.res))
            cands.append((m, y))
            best = max(best, m)
        ties = [y for m, y in cands if m >= best - 1e-12]
        arg = min(ties, key=sc.key)
        x = arg
    return x, free


def check(parley, path, ids, mode, kmax, parties, shape):
    sc = Scenario(path, parties, shape)
    cmd = [parley, 'evaluate', path, '--json', '--fill', mode,
           '--max-changes', str(kmax)]
    if parties:
        cmd += ['--parties', parties]
    if shape:
        cmd += ['--shape', shape]
    out = subprocess.run(cmd, capture_output=True, text=True,
                         check=True).stdout
    got = {p['id']: p for p in json.loads(out)['proposals']}
    P = len(sc.parties)
    md = Model(sc)
    failures = 0

    def expect(cond, what):
        nonlocal failures
        if not cond:
            failures += 1
            print('  MISMATCH:', what)

    for pr in sc.proposals:
        if ids and pr['id'] not in ids:
            continue
        g = got[pr['id']]
        x, free = fill(sc, pr, mode)
        counted = [k for k in range(sc.K) if k not in free]
        u = sc.utility(x)
        print(f"{pr['id']}: package " +
              ' '.join(f'{sc.iid[k]}={sc.opts[k][x[k]]}' for k in range(sc.K)))
        expect([g['package'][sc.iid[k]] for k in range(sc.K)] ==
               [sc.opts[k][x[k]] for k in range(sc.K)], 'package')
        for p in range(P):
            print(f'  {sc.aid[sc.parties[p]]:5s} utility {u[p]:.4f} '
                  f'margin {u[p] - sc.res[p]:+.4f}')
            expect(abs(g['utility'][p] - u[p]) < 1e-12, 'utility')
        # vetoes
        vet = []
        for rl in sc.red:
            k = sc.iid.index(rl['issue'])
            xv = sc.vals[k][x[k]]
            if rl.get('active', True) and (
                    ('min' in rl and xv < rl['min']) or
                    ('max' in rl and xv > rl['max']) or
                    sc.opts[k][x[k]] in rl.get('veto', [])):
                vet.append((rl['actor'], rl['id']))
        risks = []
        for rt in sc.rat:
            k = sc.iid.index(rt['issue'])
            if Scenario.outside(rt, sc.vals[k][x[k]]):
                pp = num(rt.get('pass_probability', 0))
                if pp > 0:
                    risks.append((rt['id'], pp))
                else:
                    vet.append((rt['actor'], rt['id']))
        for p in range(P):
            if u[p] - sc.res[p] < 0:
                vet.append((sc.aid[sc.parties[p]], None))
        print('  vetoes', vet, 'risks', risks)
        expect([(v['actor'], v.get('constraint')) for v in g['vetoes']] == vet,
               'vetoes')
        expect([(r['constraint'], r['pass_probability'])
                for r in g['ratification_risks']] == risks, 'risks')
        N = md.n + 1  # t
        # distance to the frontier: max t, u_p(y) - u_p(x) >= t
        A, lo, hi = md.base(1)
        for p in range(P):
            r = md.urow(p, N)
            r[md.n] = -1
            A.append(r), lo.append(u[p]), hi.append(np.inf)
        cost = np.zeros(N)
        cost[md.n] = -1
        sol = md.solve(cost, A, lo, hi, N, {md.n: (-10, 10)})
        t = -sol[1]
        print(f'  frontier distance {t:+.6f}')
        expect(abs(g['frontier_distance'] - t) < 1e-6, 'frontier distance')
        # domination: max sum of gains, nobody worse
        A, lo, hi = md.base(0)
        cost = np.zeros(md.n)
        for p in range(P):
            r = md.urow(p, md.n)
            A.append(r), lo.append(u[p] - 1e-9), hi.append(np.inf)
            cost -= r
        sol = md.solve(cost, A, lo, hi, md.n)
        gains = []
        if sol:  # exact checks in floats on every near-optimal package
            opt = md.all_optima(cost, A, lo, hi, md.n, sol[1])
            gains = [(sum(sc.utility(y)) - sum(u), y) for y in opt
                     if all(a >= b for a, b in zip(sc.utility(y), u))]
        gain = max((v for v, _ in gains), default=-math.inf)
        print(f'  dominated: {gain > 1e-12} (largest total gain {gain:.6f})')
        expect(g['dominated'] == (gain > 1e-12), 'dominated')
        if gain > 1e-12:
            expect(abs(g['dominating']['value'] - gain) < 1e-9,
                   'dominating value')
            best = min((y for v, y in gains if v >= gain - 1e-12),
                       key=sc.key)
            expect(g['dominating']['package'] ==
                   {sc.iid[k]: sc.opts[k][best[k]] for k in range(sc.K)},
                   'dominating package')
        # repair: fewest counted changes with every margin >= 0 ...
        A, lo, hi = md.base(0)
        for p in range(P):
            A.append(md.urow(p, md.n)), lo.append(sc.res[p] - TOL)
            hi.append(np.inf)
        ch = np.zeros(md.n)
        const = 0
        for k in counted:
            if (k, x[k]) in md.var:
                ch[md.var[(k, x[k])]] = -1
            const += 1
        sol = md.solve(ch, A, lo, hi, md.n)
        if sol is None:
            print('  repair: none exists')
            expect(not g['repair']['found'], 'repair exists')
        else:
            kstar = round(sol[1] + const)
            A.append(ch), lo.append(-np.inf), hi.append(kstar - const + 0.5)
            # ... then least utility moved: sum_p |u_p(y) - u_p(x)| with
            # d_p >= +-(u_p(y) - u_p(x))
            N = md.n + P
            A2, lo2, hi2 = md.base(P)
            A2 = A2 + [np.concatenate([a, np.zeros(P)]) for a in A[len(A2):]]
            lo2, hi2 = lo2 + lo[len(lo2):], hi2 + hi[len(hi2):]
            cost = np.zeros(N)
            for p in range(P):
                r = md.urow(p, N)
                r1, r2 = r.copy(), -r
                r1[md.n + p] = -1
                r2[md.n + p] = -1
                A2.append(r1), lo2.append(-np.inf), hi2.append(u[p])
                A2.append(r2), lo2.append(-np.inf), hi2.append(-u[p])
                cost[md.n + p] = 1
            bounds = {md.n + p: (0, 10) for p in range(P)}
            sol = md.solve(cost, A2, lo2, hi2, N, bounds)
            moved = sol[1]
            opt = md.all_optima(cost, A2, lo2, hi2, N, moved, bounds)
            exact = []
            for y in opt:  # exact checks in floats
                uy = sc.utility(y)
                if all(a - r >= 0 for a, r in zip(uy, sc.res)):
                    exact.append((sum(abs(a - b) for a, b in zip(uy, u)), y))
            mv = min(m for m, _ in exact)
            ties = [y for m, y in exact if m <= mv + 1e-9]
            best = min(ties, key=sc.key)
            changes = [(sc.iid[k], sc.opts[k][x[k]], sc.opts[k][best[k]])
                       for k in counted if best[k] != x[k]]
            print(f'  repair: {kstar} changes, moved {mv:.6f}, '
                  f'{len(ties)} ties: {changes}')
            expect(g['repair']['found'], 'repair found')
            expect(len(g['repair']['changes']) == kstar, 'repair changes')
            expect(abs(g['repair']['moved'] - mv) < 1e-6, 'repair moved')
            expect(g['repair']['ties'] == len(ties), 'repair ties')
            expect(g['repair']['package'] ==
                   {sc.iid[k]: sc.opts[k][best[k]] for k in range(sc.K)},
                   'repair package')
        # best within kmax changes: max t, u_p - r_p >= t
        N = md.n + 1
        A, lo, hi = md.base(1)
        for p in range(P):
            r = md.urow(p, N)
            r[md.n] = -1
            A.append(r), lo.append(sc.res[p]), hi.append(np.inf)
        r = np.zeros(N)
        r[:md.n] = ch
        A.append(r), lo.append(-np.inf), hi.append(kmax - const)
        cost = np.zeros(N)
        cost[md.n] = -1
        sol = md.solve(cost, A, lo, hi, N, {md.n: (-10, 10)})
        if sol is None:
            print(f'  best within {kmax}: none')
            expect(not g['best']['found'], 'best found')
        else:
            t = -sol[1]
            opt = md.all_optima(cost, A, lo, hi, N, sol[1],
                                {md.n: (-10, 10)})
            vals = [(min(a - r for a, r in zip(sc.utility(y), sc.res)), y)
                    for y in opt]
            top = max(v for v, _ in vals)
            ties = [y for v, y in vals if v >= top - 1e-9]
            best = min(ties, key=sc.key)
            print(f'  best within {kmax}: min margin {t:+.6f}, '
                  f'{len(ties)} ties')
            expect(abs(g['best']['value'] - t) < 1e-6, 'best value')
            expect(g['best']['ties'] == len(ties), 'best ties')
            expect(g['best']['package'] ==
                   {sc.iid[k]: sc.opts[k][best[k]] for k in range(sc.K)},
                   'best package')
    print('all checks passed' if not failures else f'{failures} MISMATCHES')
    return failures


if __name__ == '__main__':
    args = sys.argv[1:]
    mode, kmax = 'status-quo', 2
    if '--fill' in args:
        i = args.index('--fill')
        mode = args[i + 1]
        del args[i:i + 2]
    if '--max-changes' in args:
        i = args.index('--max-changes')
        kmax = int(args[i + 1])
        del args[i:i + 2]
    opt = {}
    for name in ('--parties', '--shape'):
        if name in args:
            i = args.index(name)
            opt[name] = args[i + 1]
            del args[i:i + 2]
    sys.exit(1 if check(args[0], args[1], args[2:], mode, kmax,
                        opt.get('--parties'), opt.get('--shape')) else 0)
