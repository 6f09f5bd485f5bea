// Lints probe snippets as if they were files inside real projects and prints, per probe,
// the @nx/enforce-module-boundaries messages as JSON. Used by boundaries.spec.ts; also a
// documented command: `node tools/boundaries/lint-probes.mjs` shows the rules failing on purpose.
import { ESLint } from 'eslint';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const PROBES = {
  nestInWeb: ['libs/web/ui/src/lib/probe.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n"],
  angularInContracts: ['libs/contracts/src/lib/probe.ts', "import { signal } from '@angular/core';\nexport const x = signal(1);\n"],
  webInApi: ['libs/api/orders/src/lib/probe.ts', "import * as ui from '@desk/web/ui';\nexport const x = ui;\n"],
  simulatorInApi: ['libs/api/orders/src/lib/probe.ts', "import { startSimulator } from '@desk/upstox/simulator';\nexport const x = startSimulator;\n"],
  simulatorInApiTest: ['apps/api/test/probe.spec.ts', "import { startSimulator } from '@desk/upstox/simulator';\nexport const x = startSimulator;\n"],
  contractsInWebFeature: ['libs/web/orders/src/lib/probe.ts', "import { formatRupees } from '@desk/contracts';\nexport const x = formatRupees;\n"],
  featureInAccess: ['libs/api/access/src/lib/probe.ts', "import { OrdersModule } from '@desk/api/orders';\nexport const x = OrdersModule;\n"],
  clientInAccess: ['libs/api/access/src/lib/probe.ts', "import { UpstoxClientModule } from '@desk/upstox/client';\nexport const x = UpstoxClientModule;\n"],
  accessInCore: ['libs/api/core/src/lib/probe.ts', "import { AccessModule } from '@desk/api/access';\nexport const x = AccessModule;\n"],
  dataAccessInCore: ['libs/api/core/src/lib/probe.ts', "import { UpstoxClientModule } from '@desk/upstox/client';\nexport const x = UpstoxClientModule;\n"],
  accessInFeature: ['libs/api/orders/src/lib/probe.ts', "import { RequireScope } from '@desk/api/access';\nexport const x = RequireScope;\n"],
};

const eslint = new ESLint({ cwd: root });
const out = {};
for (const [name, [file, code]] of Object.entries(PROBES)) {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  out[name] = result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
