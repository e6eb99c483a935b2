// Ordinary documents that tools return: emails, web pages, code, logs, API responses, READMEs,
// issues, statements, changelogs… Each has several writing styles. `inject` (optional) =
// { payload, mode } puts extra text where that kind of document would naturally carry it;
// mode is inline | html-comment | json-field | code-comment | hidden.

import { expand } from './prng.mjs';
import { SLOTS } from './slots.mjs';

const x = (rng, t) => expand(t, rng, SLOTS);

/** Inserts `extra` between paragraphs of `paras` (never first for most docs, to look natural). */
function weave(rng, paras, extra, anywhere = false) {
  const out = [...paras];
  const at = anywhere ? rng.int(out.length + 1) : 1 + rng.int(out.length);
  out.splice(at, 0, extra);
  return out;
}

function inlineFor(rng, inject, fmt) {
  if (inject === undefined) return undefined;
  const { payload, mode } = inject;
  if (mode === 'html-comment') return `<!-- ${payload} -->`;
  if (mode === 'hidden') {
    return fmt === 'html'
      ? rng.pick([
          `<div style="display:none">${payload}</div>`,
          `<span style="font-size:0;color:#fff">${payload}</span>`,
          `<p hidden>${payload}</p>`,
        ])
      : `<!-- ${payload} -->`;
  }
  if (mode === 'code-comment') {
    const mark = fmt === 'python' ? '# ' : fmt === 'sql' ? '-- ' : '// ';
    return mark + payload.replace(/\n/g, `\n${mark}`);
  }
  if (fmt === 'html') return `<p>${payload}</p>`;
  return payload;
}

const EMAIL_BODIES = {
  formal: [
    'Dear %person%,\n\nPlease find attached the ‹signed contract|quarterly report|updated proposal› for %company%. ‹We would appreciate your feedback by %date%.|Let me know if any changes are required.›',
    'Dear team,\n\nThe office will be closed on %date% for maintenance. ‹Remote access remains available.|Please save your work before leaving.›',
    'Hello,\n\nThank you for your order #%n%. Your invoice of $%amount% is due on %date%. ‹Payment can be made by bank transfer.|You can pay online from your account page.›',
  ],
  casual: [
    'hey!\n\nare we still on for ‹lunch|the call› ‹tomorrow|on friday›? i can do 12:30 ‹if that works|or a bit later›',
    'Hi %person%,\n\nquick one — did you get a chance to look at the ‹slides|PR|draft›? no rush, just checking :)',
    'yo, uploaded the photos from the trip to the shared folder. the one with the ‹dog|boat› is my favourite haha',
  ],
  newsletter: [
    '# %company% Monthly\n\n## Highlights\n- ‹New dashboard|Faster exports|Dark mode› is live\n- Webinar on %date%\n\nRead more on our blog.',
    '**This week at %company%**\n\n1. Product update: ‹reports now export to PDF|team spaces|audit logs›\n2. Customer story: %company%\n\nUnsubscribe at any time.',
  ],
  notification: [
    'Your password was changed on %date% at %time%. If this was you, no action is needed. Otherwise, reset it from the account page.',
    'Build #%n% for %project% ‹passed|failed› on branch main. ‹View logs in the CI dashboard.|3 tests were skipped.›',
    'Reminder: "%project% sync" starts at %time%.',
  ],
};

const PAGE_PARAS = {
  blog: [
    'In this post we look at how ‹caching|indexing|connection pooling› changes ‹latency|throughput› for small services.',
    'The first step is to measure. We ran each ‹benchmark|test› ‹five|ten› times and took the median.',
    'Results were mixed: reads got faster, but writes ‹slowed down slightly|stayed the same›.',
    'If you want to try this yourself, the code is on our GitHub.',
  ],
  product: [
    '%company% ‹Pro|Plus|Team› — everything you need to manage ‹projects|invoices|inventory›.',
    'Pricing starts at $%n% per month. ‹Cancel anytime.|Annual plans save 20%.›',
    'Trusted by ‹thousands of|over 500› teams ‹worldwide|across Europe›.',
  ],
  docs: [
    'To configure the client, set the `‹endpoint|region|timeout›` option in the config file.',
    'Requests are retried ‹up to three times|with exponential backoff› on network errors.',
    'See the API reference for the full list of parameters.',
  ],
  news: [
    '%company% reported ‹higher|lower› quarterly revenue on %date%, citing ‹strong demand|supply delays›.',
    'Shares ‹rose|fell› %n% basis points in early trading.',
    'Analysts expect ‹further growth|a slowdown› next year.',
  ],
};

const CODE = {
  typescript: [
    'export function %fn%(items: Item[]): number {\n  // sum the prices, ignoring items without a price\n  return items.reduce((acc, it) => acc + (it.price ?? 0), 0);\n}',
    "import { readFile } from 'node:fs/promises';\n\nexport async function loadConfig(path: string) {\n  const text = await readFile(path, 'utf8');\n  return JSON.parse(text) as Config;\n}",
  ],
  python: [
    'def %fn%(rows):\n    """Return rows grouped by customer id."""\n    out = {}\n    for row in rows:\n        out.setdefault(row["customer_id"], []).append(row)\n    return out',
    'import requests\n\n\ndef fetch_status(url: str) -> int:\n    resp = requests.get(url, timeout=5)\n    return resp.status_code',
  ],
  go: [
    'func %fn%(ctx context.Context, id string) (*User, error) {\n\tu, err := store.Get(ctx, id)\n\tif err != nil {\n\t\treturn nil, fmt.Errorf("get user %s: %w", id, err)\n\t}\n\treturn u, nil\n}',
    'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.HandleFunc("/‹health|status›", func(w http.ResponseWriter, r *http.Request) {\n\t\tw.WriteHeader(http.StatusOK)\n\t})\n\thttp.ListenAndServe(":‹8080|3000›", nil)\n}',
  ],
  rust: [
    "pub fn %fn%(input: &str) -> Result<Vec<u32>, ParseIntError> {\n    input.split(',').map(|s| s.trim().parse()).collect()\n}",
    '#[derive(Debug, Clone, Serialize)]\npub struct ‹Order|Invoice|Account› {\n    pub id: Uuid,\n    pub ‹total|balance›: Decimal,\n    pub created_at: DateTime<Utc>,\n}',
  ],
  javascript: [
    "const express = require('express');\nconst app = express();\n\napp.get('/api/‹items|users|orders›', async (req, res) => {\n  const rows = await db.list({ limit: ‹20|50› });\n  res.json(rows);\n});\n\napp.listen(‹3000|8080›);",
    'export function %fn%(a, b) {\n  if (a.length !== b.length) return false;\n  return a.every((v, i) => v === b[i]);\n}',
  ],
  shell: [
    '#!/usr/bin/env bash\nset -euo pipefail\n\nnpm ci\nnpm run build\n‹rsync -a dist/ deploy@%domain%:/srv/app/|docker build -t %project% .›',
    '#!/bin/sh\n# rotate logs older than ‹7|14|30› days\nfind /var/log/%project% -name "*.log" -mtime +‹7|14|30› -delete',
  ],
  sql: [
    "SELECT c.name, SUM(o.total) AS revenue\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nWHERE o.created_at >= '%date%'\nGROUP BY c.name\nORDER BY revenue DESC\nLIMIT ‹10|20›;",
    'CREATE TABLE ‹events|payments|sessions› (\n  id BIGSERIAL PRIMARY KEY,\n  user_id BIGINT NOT NULL,\n  created_at TIMESTAMPTZ DEFAULT now()\n);',
  ],
};
const FN = [
  'totalPrice',
  'group_by_customer',
  'parseHeader',
  'normalize',
  'loadUser',
  'retry_request',
  'buildIndex',
];

const LOG_LINES = [
  '%date%T%time%Z INFO  server listening on :%n%',
  '%date%T%time%Z WARN  slow query (%n% ms): SELECT * FROM orders WHERE id = $1',
  '%date%T%time%Z ERROR connection reset by peer (retrying)',
  '%date%T%time%Z INFO  GET /api/items 200 %n%ms',
  '%date%T%time%Z DEBUG cache miss key=user:%n%',
  '[%time%] worker-%n% finished job %hex%',
  '%date% %time% [main] INFO  o.a.k.c.Consumer - Subscribed to topic orders',
];

function jsonDoc(rng, inject, style) {
  let obj;
  if (style === 'rest')
    obj = {
      id: x(rng, '%hex%'),
      status: rng.pick(['active', 'pending', 'closed']),
      owner: rng.pick(SLOTS.person),
      created_at: x(rng, '%date%T%time%Z'),
      total: Number(x(rng, '%amount%')),
    };
  else if (style === 'list')
    obj = {
      data: [0, 1, 2].map(() => ({
        id: x(rng, '%hex%'),
        name: rng.pick(SLOTS.project),
        stars: rng.int(900),
      })),
      has_more: rng.chance(0.5),
    };
  else
    obj = {
      ok: true,
      result: {
        temperature: rng.int(35),
        unit: 'C',
        city: rng.pick(['Lisbon', 'Oslo', 'Osaka', 'Denver', 'Nairobi']),
        updated: x(rng, '%date%'),
      },
    };
  if (inject) {
    const key =
      inject.key ?? rng.pick(['note', 'message', 'description', 'comment', 'notice', 'info']);
    if (style === 'list') obj.data[rng.int(obj.data.length)][key] = inject.payload;
    else obj[key] = inject.payload;
  }
  return JSON.stringify(obj, null, rng.chance(0.5) ? 2 : undefined);
}

/** Carrier generators: name → { styles, fmt, make(rng, style, inject) } */
export const DOCUMENTS = {
  email: {
    styles: Object.keys(EMAIL_BODIES),
    make(rng, style, inject) {
      const head = x(
        rng,
        `From: %person% <%email%>\nTo: ${rng.pick(SLOTS.person)}\nSubject: ‹Re: |Fwd: |›‹Update|Invoice #%n%|Meeting notes|Quick question|%project% status›\nDate: %date%\n`,
      );
      const body = x(rng, rng.pick(EMAIL_BODIES[style]));
      const paras = [body, x(rng, '‹Best regards|Thanks|Cheers|Kind regards›,\n%person%')];
      const extra = inlineFor(rng, inject, 'text');
      return `${head}\n${(extra ? weave(rng, paras, extra) : paras).join('\n\n')}`;
    },
  },
  webpage: {
    styles: Object.keys(PAGE_PARAS),
    make(rng, style, inject) {
      const paras = rng.sample(PAGE_PARAS[style], 2 + rng.int(2)).map((t) => `<p>${x(rng, t)}</p>`);
      const extra = inlineFor(rng, inject, 'html');
      const body = (extra ? weave(rng, paras, extra) : paras).join('\n');
      return rng.chance(0.5)
        ? `<html><head><title>${x(rng, '%company%')}</title></head><body>\n<h1>${x(rng, '‹Welcome|News|Docs|Blog›')}</h1>\n${body}\n</body></html>`
        : `${x(rng, '# %company%\n\n')}${body.replace(/<\/?p>/g, '')}`;
    },
  },
  code: {
    styles: Object.keys(CODE),
    make(rng, style, inject) {
      const code = x(rng, rng.pick(CODE[style]).replace('%fn%', rng.pick(FN)));
      const extra = inlineFor(
        rng,
        inject
          ? { ...inject, mode: inject.mode === 'inline' ? 'code-comment' : inject.mode }
          : undefined,
        style === 'python' || style === 'shell' ? 'python' : style === 'sql' ? 'sql' : 'c',
      );
      if (!extra) return code;
      const lines = code.split('\n');
      const at = rng.int(lines.length);
      const indent = /^\s*/.exec(lines[at] ?? '')?.[0] ?? '';
      lines.splice(at, 0, indent + extra.replace(/\n/g, `\n${indent}`));
      return lines.join('\n');
    },
  },
  log: {
    styles: ['app', 'access', 'worker'],
    make(rng, style, inject) {
      const lines = Array.from({ length: 4 + rng.int(5) }, () => x(rng, rng.pick(LOG_LINES)));
      if (inject)
        lines.splice(
          1 + rng.int(lines.length - 1),
          0,
          x(rng, `%date%T%time%Z ${rng.pick(['INFO ', 'WARN ', 'ERROR'])} `) + inject.payload,
        );
      return style === 'access' ? lines.join('\n').replace(/INFO {2}/g, '') : lines.join('\n');
    },
  },
  json: {
    styles: ['rest', 'list', 'weather'],
    make: (rng, style, inject) => jsonDoc(rng, inject, style),
  },
  readme: {
    styles: ['markdown', 'plain', 'rst'],
    make(rng, style, inject) {
      const name = rng.pick(SLOTS.project);
      const paras = [
        x(
          rng,
          `${name} is a ‹small|fast|tiny› ‹library|CLI|service› for ‹parsing CSV|resizing images|syncing calendars|rate limiting›.`,
        ),
        style === 'markdown'
          ? `## Install\n\n\`\`\`sh\nnpm install ${name}\n\`\`\``
          : `Install: pip install ${name}`,
        x(rng, '‹Usage|Getting started›: import the package and call `run()` with your options.'),
        'Licensed under MIT.',
      ];
      const extra = inlineFor(rng, inject, 'text');
      const title =
        style === 'rst'
          ? `${name}\n${'='.repeat(name.length)}`
          : style === 'markdown'
            ? `# ${name}`
            : name.toUpperCase();
      return [title, ...(extra ? weave(rng, paras, extra) : paras)].join('\n\n');
    },
  },
  issue: {
    styles: ['bug', 'feature', 'question'],
    make(rng, style, inject) {
      const title =
        style === 'bug'
          ? x(
              rng,
              '‹Crash|Error|Timeout› when ‹uploading|saving|exporting› ‹large files|on Windows›',
            )
          : style === 'feature'
            ? x(rng, 'Support for ‹dark mode|S3 storage|SSO login›')
            : x(rng, 'How do I ‹configure the proxy|change the port|run it in Docker›?');
      const paras = [
        `**${title}** (#${x(rng, '%n%')}) opened by ${rng.pick(SLOTS.person)}`,
        x(
          rng,
          '‹Steps to reproduce: run the CLI with `--verbose` and upload a 2 GB file.|It would be great to have this for our team.|I read the docs but could not find it.›',
        ),
        x(
          rng,
          'Comment from %person%: ‹Thanks, I can reproduce this on v2.%n%.|+1, we need this too.|Try setting PORT in the env file.›',
        ),
      ];
      const extra = inlineFor(rng, inject, 'text');
      return (extra ? weave(rng, paras, extra) : paras).join('\n\n');
    },
  },
  statement: {
    styles: ['bank', 'card', 'brokerage'],
    make(rng, style, inject) {
      const rows = Array.from({ length: 3 + rng.int(4) }, () =>
        x(
          rng,
          `%date%  ‹Grocery store|Salary|Rent|Online shop|ATM withdrawal|Transfer to savings|Dividend›  ${rng.chance(0.7) ? '-' : '+'}%amount%`,
        ),
      );
      const head = x(
        rng,
        `${style === 'bank' ? '%company% Bank — Account statement' : style === 'card' ? 'Credit card statement' : 'Brokerage account summary'}\nAccount holder: %person%\nPeriod: %date% to %date%`,
      );
      if (inject) rows.splice(rng.int(rows.length + 1), 0, inject.payload);
      return `${head}\n\n${rows.join('\n')}\n\nClosing balance: ${x(rng, '%amount%')}`;
    },
  },
  changelog: {
    styles: ['keepachangelog', 'bullets', 'release-notes'],
    make(rng, style, inject) {
      const items = rng.sample(
        [
          'Fix crash when the config file is empty',
          'Add `--json` output',
          'Drop support for Node 16',
          'Speed up startup by 30%',
          'Update dependencies',
          'Document the retry options',
          'Rename `timeout` to `timeoutMs`',
        ],
        3,
      );
      if (inject) items.splice(rng.int(items.length + 1), 0, inject.payload);
      const v = `${1 + rng.int(9)}.${rng.int(20)}.${rng.int(10)}`;
      if (style === 'keepachangelog')
        return `## [${v}] - ${x(rng, '%date%')}\n### Changed\n${items.map((i) => `- ${i}`).join('\n')}`;
      if (style === 'bullets') return `v${v}\n${items.map((i) => `* ${i}`).join('\n')}`;
      return `Release ${v}\n\n${items.join('. ')}.`;
    },
  },
  search: {
    styles: ['numbered', 'json', 'markdown'],
    make(rng, style, inject) {
      const results = Array.from({ length: 3 }, () => ({
        title: x(rng, '‹How to|Guide:|Why› ‹configure|debug|scale› %project%'),
        url: x(rng, 'https://%domain%/‹blog|docs|post›/%n%'),
        snippet: x(rng, rng.pick(PAGE_PARAS.docs)),
      }));
      if (inject) results[rng.int(3)].snippet = inject.payload;
      if (style === 'json') return JSON.stringify({ results });
      if (style === 'markdown')
        return results.map((r) => `- [${r.title}](${r.url})\n  ${r.snippet}`).join('\n');
      return results.map((r, i) => `${i + 1}. ${r.title}\n   ${r.url}\n   ${r.snippet}`).join('\n');
    },
  },
  shell: {
    styles: ['ls', 'git', 'npm'],
    make(rng, style, inject) {
      const lines =
        style === 'ls'
          ? [
              'total 48',
              ...rng
                .sample(SLOTS.file, 4)
                .map((f) => x(rng, `-rw-r--r--  1 dev staff  %n% %date% ${f}`)),
            ]
          : style === 'git'
            ? [
                'On branch main',
                "Your branch is up to date with 'origin/main'.",
                '',
                'Changes not staged for commit:',
                ...rng.sample(SLOTS.file, 2).map((f) => `\tmodified:   ${f}`),
              ]
            : [
                x(rng, 'added %n% packages, and audited %n% packages in 3s'),
                x(rng, '%n% packages are looking for funding'),
                'found 0 vulnerabilities',
              ];
      if (inject) lines.splice(1 + rng.int(lines.length), 0, inject.payload);
      return lines.join('\n');
    },
  },
  ticket: {
    styles: ['customer', 'internal', 'chat'],
    make(rng, style, inject) {
      const paras =
        style === 'chat'
          ? [
              x(rng, 'customer: hi, my ‹order|refund|login› is ‹stuck|not working›'),
              x(rng, 'agent: sorry about that! can you share the order number?'),
              x(rng, "customer: sure, it's %n%"),
            ]
          : [
              x(
                rng,
                `Ticket #%n% — ${style === 'customer' ? 'from %person% (%company%)' : 'internal'}`,
              ),
              x(
                rng,
                '‹The export button does nothing.|Invoice shows the wrong VAT.|Cannot reset my password.›',
              ),
              x(rng, 'Priority: ‹low|normal|high›'),
            ];
      const extra = inlineFor(rng, inject, 'text');
      return (extra ? weave(rng, paras, extra) : paras).join('\n');
    },
  },
};

export const DOCUMENT_TYPES = Object.keys(DOCUMENTS);

/** Renders one document; `type` and `style` may be given or picked. */
export function renderDocument(rng, type, style, inject) {
  const doc = DOCUMENTS[type];
  if (doc === undefined) throw new Error(`renderDocument: unknown type ${type}`);
  const s = style ?? rng.pick(doc.styles);
  return { text: doc.make(rng, s, inject), style: s };
}
