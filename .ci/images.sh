#!/usr/bin/env bash
# Builds the service images without a Docker engine, each as an OCI archive with its CycloneDX SBOM beside it.
#
#   bash .ci/images.sh [--out DIR] [--base-only] [Orchestration.Audit ...]   # default: the six services, into artifacts/images
#
# --base-only builds the base images the services need and stops (DIR/bases/).
#
# 1. The base images come from Debian packages (bookworm, as on the build machine), unpacked without running any of their
#    scripts: the C/C++ runtime, ICU, OpenSSL, zlib, the CA certificates and tzdata, a non-root user 10001, no shell and no
#    package manager; the .NET shared runtime (Microsoft.NETCore.App and Microsoft.AspNetCore.App of the installed SDK) is
#    a second layer. The workflow server's base adds fonts-wqy-microhei as a third layer. Every file gets the same time
#    (SOURCE_DATE_EPOCH) and owner, so the same packages give the same digest; the package versions are recorded.
# 2. A throwaway registry (Debian's docker-registry) on 127.0.0.1 serves the bases to the .NET SDK, which then publishes
#    each service onto its base by digest (dotnet publish -t:PublishContainer) into DIR/<repository>.tar.
# 3. Each image's SBOM (DIR/<repository>.cdx.json) lists the NuGet graph (the CycloneDX dotnet tool), the Debian packages
#    and the .NET runtime of its base.
#
# Results in DIR: <repository>.tar (OCI image layout), <repository>.cdx.json, bases/<base>.digest, bases/<base>.packages,
# bases/<base>.oci/ (the base image layouts). The base layouts are kept under IMAGES_CACHE_DIR (default
# /tmp/orchestration-images) keyed by their inputs, so a second build of the same packages reuses them.
# Needs: apt-get (a reachable Debian mirror), dpkg-deb, skopeo, docker-registry, jq, gzip, the .NET SDK and `dotnet tool restore`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

OUT=$ROOT/artifacts/images
SERVICES=()
BASE_ONLY=false
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --base-only) BASE_ONLY=true; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) SERVICES+=("$1"); shift ;;
  esac
done
[ ${#SERVICES[@]} -gt 0 ] || SERVICES=(Orchestration.WorkflowServer Orchestration.Nomination Orchestration.Vetting Orchestration.Audit Orchestration.Disposition Orchestration.VillagePay)
CACHE=${IMAGES_CACHE_DIR:-/tmp/orchestration-images}
mkdir -p "$OUT/bases" "$CACHE"

log() { echo "images: $*" >&2; }
for tool in apt-get dpkg-deb skopeo docker-registry jq gzip sha256sum dotnet; do
  command -v "$tool" >/dev/null 2>&1 || { log "$tool is missing (apt-get install skopeo docker-registry jq)"; exit 1; }
done

# Every timestamp inside the images: the last change of this script (so its outputs change only with it or the packages).
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct -- .ci/images.sh 2>/dev/null || true)
  [ -n "$SOURCE_DATE_EPOCH" ] || SOURCE_DATE_EPOCH=$(stat -c %Y .ci/images.sh)
fi
export SOURCE_DATE_EPOCH
CREATED=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)

# What .NET needs on Linux (globalization on: ICU), and the font printed records embed. Debian resolves the versions.
RUNTIME_PACKAGES=(libc6 libgcc-s1 gcc-12-base libstdc++6 libicu72 libssl3 zlib1g ca-certificates tzdata)
FONT_PACKAGES=(fonts-wqy-microhei)
DOTNET_ROOT_DIR=$(dirname "$(readlink -f "$(command -v dotnet)")")
DOTNET_RUNTIME_VERSION=$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" && $2 ~ /^10\./ { v = $2 } END { print v }')
[ -n "$DOTNET_RUNTIME_VERSION" ] || { log "no ASP.NET Core 10 runtime in $DOTNET_ROOT_DIR"; exit 1; }

# Deterministic layer: sorted names, one time, root-owned unless the tree says otherwise, no atime/ctime, gzip without a name.
layer_tar() { # layer_tar DIR OUT.tar.gz
  tar --sort=name --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
      --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner -C "$1" -cf - . | gzip -n -9 > "$2"
}

blob() { # blob LAYOUT FILE → moves FILE into the layout's blobs, prints its digest
  local digest
  digest=sha256:$(sha256sum "$2" | cut -d' ' -f1)
  mv "$2" "$1/blobs/sha256/${digest#sha256:}"
  echo "$digest"
}

# Unpacks Debian packages (never running their scripts) into DIR, merged-/usr as Debian 12 lays it out, and records each
# package's control fields in /var/lib/dpkg/status.d (where scanners look in images without dpkg).
unpack_debs() { # unpack_debs DIR DEB...
  local dir=$1; shift
  local deb name
  for deb in "$@"; do
    name=$(dpkg-deb -f "$deb" Package)
    dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$dir"
    mkdir -p "$dir/var/lib/dpkg/status.d"
    dpkg-deb -f "$deb" > "$dir/var/lib/dpkg/status.d/$name"
  done
  rm -rf "$dir/usr/share/man" "$dir/usr/share/lintian" "$dir/usr/share/doc"/*/changelog* "$dir/usr/share/doc"/*/NEWS*
}

download_debs() { # download_debs DIR PACKAGE... → the exact versions the mirror serves now
  mkdir -p "$1"
  (cd "$1" && apt-get download -qq "${@:2}" 2>/dev/null) || {
    log "apt-get download failed; updating the package lists once"
    apt-get update -qq
    (cd "$1" && apt-get download -qq "${@:2}")
  }
}

# One base image as an OCI layout: LAYOUT gets index.json tagged TAG; prints nothing. Layers are the given tarballs.
write_layout() { # write_layout LAYOUT TAG LAYER.tar.gz...
  local layout=$1 tag=$2; shift 2
  mkdir -p "$layout/blobs/sha256"
  echo '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
  local layers='[]' diffs='[]' history='[]' gz diff digest size
  for gz in "$@"; do
    diff=sha256:$(gzip -dc "$gz" | sha256sum | cut -d' ' -f1)
    size=$(stat -c %s "$gz")
    digest=$(blob "$layout" "$gz")
    layers=$(jq -c --arg d "$digest" --argjson s "$size" '. + [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $d, size: $s}]' <<<"$layers")
    diffs=$(jq -c --arg d "$diff" '. + [$d]' <<<"$diffs")
    history=$(jq -c --arg c "$CREATED" --arg by "$(basename "$gz" .tar.gz)" '. + [{created: $c, created_by: $by}]' <<<"$history")
  done
  local config=$layout/config.json
  jq -n --arg created "$CREATED" --argjson diffs "$diffs" --argjson history "$history" --arg runtime "$DOTNET_RUNTIME_VERSION" '{
      created: $created, architecture: "amd64", os: "linux",
      config: {
        User: "10001:10001",
        Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_UID=10001", "HOME=/tmp",
              "DOTNET_ROOT=/usr/share/dotnet", "DOTNET_RUNNING_IN_CONTAINER=true", "DOTNET_VERSION=\($runtime)",
              "ASPNET_VERSION=\($runtime)", "ASPNETCORE_HTTP_PORTS=8080", "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"],
        WorkingDir: "/app",
        Labels: {"org.opencontainers.image.created": $created, "org.opencontainers.image.title": "orchestration-base"}
      },
      rootfs: {type: "layers", diff_ids: $diffs}, history: $history}' > "$config"
  local config_digest config_size
  config_size=$(stat -c %s "$config")
  config_digest=$(blob "$layout" "$config")
  local manifest=$layout/manifest.json
  jq -n --arg cd "$config_digest" --argjson cs "$config_size" --argjson layers "$layers" '{
      schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $cd, size: $cs}, layers: $layers}' > "$manifest"
  local manifest_size manifest_digest
  manifest_size=$(stat -c %s "$manifest")
  manifest_digest=$(blob "$layout" "$manifest")
  jq -n --arg d "$manifest_digest" --argjson s "$manifest_size" --arg tag "$tag" '{
      schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $d, size: $s,
                   platform: {architecture: "amd64", os: "linux"}, annotations: {"org.opencontainers.image.ref.name": $tag}}]}' > "$layout/index.json"
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/orchestration-images.XXXXXX")
REGISTRY_PID=
cleanup() {
  if [ -n "$REGISTRY_PID" ]; then kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the base images ----------------------------------------------------------------------------------------------------
download_debs "$WORK/debs/runtime" "${RUNTIME_PACKAGES[@]}"
need_fonts=false
for s in "${SERVICES[@]}"; do [ "$s" = Orchestration.WorkflowServer ] && need_fonts=true; done
BASES=(runtime)
if $need_fonts; then download_debs "$WORK/debs/fonts" "${FONT_PACKAGES[@]}"; BASES+=(runtime-fonts); fi

packages_of() { # the name=version lines of a base's packages
  local d
  for d in "$WORK/debs/runtime"/*.deb ${1:+"$WORK/debs/fonts"/*.deb}; do
    dpkg-deb --show --showformat='${Package}=${Version} ${Architecture}\n' "$d"
  done | LC_ALL=C sort
}

# The key of the cached layouts: this script, the packages (by content), the .NET runtime, the timestamp.
runtime_key=$( { sha256sum .ci/images.sh | cut -d' ' -f1; sha256sum "$WORK/debs/runtime"/*.deb | cut -d' ' -f1;
                 echo "$DOTNET_RUNTIME_VERSION $SOURCE_DATE_EPOCH"; } | sha256sum | cut -c1-24)
fonts_key=
if $need_fonts; then fonts_key=$( { echo "$runtime_key"; sha256sum "$WORK/debs/fonts"/*.deb | cut -d' ' -f1; } | sha256sum | cut -c1-24); fi

build_layers() { # build_layers DIR: the Debian layer, the .NET layer and, with fonts, the font layer
  local dir=$1 rootfs=$WORK/rootfs dotnet=$WORK/dotnet
  rm -rf "$rootfs" "$dotnet"
  mkdir -p "$rootfs"/usr/{bin,lib,lib64,sbin} "$rootfs"/{etc,tmp,app,proc,sys,dev} "$rootfs/etc/ssl/certs" "$rootfs/usr/lib/ssl"
  for d in bin lib lib64 sbin; do ln -s "usr/$d" "$rootfs/$d"; done
  unpack_debs "$rootfs" "$WORK/debs/runtime"/*.deb
  # What the packages' scripts would have done: the CA bundle, the OpenSSL paths, the time zone; and the users.
  find "$rootfs/usr/share/ca-certificates" -name '*.crt' | LC_ALL=C sort | xargs cat > "$rootfs/etc/ssl/certs/ca-certificates.crt"
  ln -s /etc/ssl/certs "$rootfs/usr/lib/ssl/certs"
  ln -s /etc/ssl/certs/ca-certificates.crt "$rootfs/usr/lib/ssl/cert.pem"
  ln -sf /usr/share/zoneinfo/Etc/UTC "$rootfs/etc/localtime"
  echo "Etc/UTC" > "$rootfs/etc/timezone"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:10001:10001:app:/tmp:/usr/sbin/nologin\n' > "$rootfs/etc/passwd"
  printf 'root:x:0:\napp:x:10001:\n' > "$rootfs/etc/group"
  printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
  chmod 1777 "$rootfs/tmp"
  layer_tar "$rootfs" "$dir/debian-bookworm.tar.gz"

  mkdir -p "$dotnet/usr/share/dotnet/host/fxr" "$dotnet/usr/share/dotnet/shared" "$dotnet/usr/bin"
  cp -a "$DOTNET_ROOT_DIR/dotnet" "$DOTNET_ROOT_DIR/LICENSE.txt" "$DOTNET_ROOT_DIR/ThirdPartyNotices.txt" "$dotnet/usr/share/dotnet/"
  cp -a "$DOTNET_ROOT_DIR/host/fxr/$DOTNET_RUNTIME_VERSION" "$dotnet/usr/share/dotnet/host/fxr/"
  for fw in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
    mkdir -p "$dotnet/usr/share/dotnet/shared/$fw"
    cp -a "$DOTNET_ROOT_DIR/shared/$fw/$DOTNET_RUNTIME_VERSION" "$dotnet/usr/share/dotnet/shared/$fw/"
  done
  ln -s ../share/dotnet/dotnet "$dotnet/usr/bin/dotnet"
  chown -R 0:0 "$dotnet"
  layer_tar "$dotnet" "$dir/dotnet-runtime-$DOTNET_RUNTIME_VERSION.tar.gz"
}

build_font_layer() { # build_font_layer DIR
  local fonts=$WORK/fonts
  rm -rf "$fonts"; mkdir -p "$fonts/usr"
  for d in bin lib sbin; do ln -s "usr/$d" "$fonts/$d"; done
  unpack_debs "$fonts" "$WORK/debs/fonts"/*.deb
  rm "$fonts"/{bin,lib,sbin}
  layer_tar "$fonts" "$1/fonts-wqy-microhei.tar.gz"
}

for base in "${BASES[@]}"; do
  key=$runtime_key; [ "$base" = runtime-fonts ] && key=$fonts_key
  cached=$CACHE/base-$base-$key.oci
  if [ ! -f "$cached/index.json" ]; then
    log "building the $base base image"
    layers=$WORK/layers-$base
    rm -rf "$layers"; mkdir -p "$layers"
    build_layers "$layers"
    if [ "$base" = runtime-fonts ]; then
      build_font_layer "$layers"
      write_layout "$WORK/layout" "$base" "$layers/debian-bookworm.tar.gz" "$layers/dotnet-runtime-$DOTNET_RUNTIME_VERSION.tar.gz" "$layers/fonts-wqy-microhei.tar.gz"
    else
      write_layout "$WORK/layout" "$base" "$layers/debian-bookworm.tar.gz" "$layers/dotnet-runtime-$DOTNET_RUNTIME_VERSION.tar.gz"
    fi
    rm -rf "$cached"; mv "$WORK/layout" "$cached"
    # Older layouts of this base (other packages or another script) are not used again.
    find "$CACHE" -maxdepth 1 -name "base-$base-*.oci" ! -name "base-$base-$key.oci" -exec rm -rf {} +
  else
    log "reusing the $base base image from $cached"
  fi
  rm -rf "$OUT/bases/$base.oci"; cp -a "$cached" "$OUT/bases/$base.oci"
  jq -r '.manifests[0].digest' "$cached/index.json" > "$OUT/bases/$base.digest"
  if [ "$base" = runtime-fonts ]; then packages_of fonts; else packages_of; fi > "$OUT/bases/$base.packages"
  echo "dotnet-runtime=$DOTNET_RUNTIME_VERSION amd64" >> "$OUT/bases/$base.packages"
  log "$base base: $(cat "$OUT/bases/$base.digest")"
done

$BASE_ONLY && exit 0

# --- the registry the SDK pulls the bases from --------------------------------------------------------------------------
port=
for candidate in $(seq 15000 15099); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { log "no free port for the registry"; exit 1; }
REGISTRY=127.0.0.1:$port
cat > "$WORK/registry.yml" <<YML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $WORK/registry
http:
  addr: $REGISTRY
YML
docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
REGISTRY_PID=$!
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$REGISTRY_PID" 2>/dev/null || { cat "$WORK/registry.log" >&2; exit 1; }
  sleep 0.2
done
export DOTNET_CONTAINER_INSECURE_REGISTRIES=$REGISTRY

for base in "${BASES[@]}"; do
  skopeo copy -q --dest-tls-verify=false "oci:$OUT/bases/$base.oci:$base" "docker://$REGISTRY/orchestration-base:$base" --digestfile "$WORK/$base.pushed"
  [ "$(cat "$WORK/$base.pushed")" = "$(cat "$OUT/bases/$base.digest")" ] || { log "the registry changed the $base manifest"; exit 1; }
done

# --- the services -------------------------------------------------------------------------------------------------------
TAG=$(awk -F'"' '/^appVersion:/ { print $2 }' charts/orchestration/Chart.yaml)
dotnet tool restore >/dev/null

for service in "${SERVICES[@]}"; do
  project=services/$service/$service.csproj
  [ -f "$project" ] || { log "no project $project"; exit 1; }
  base=runtime; [ "$service" = Orchestration.WorkflowServer ] && base=runtime-fonts
  digest=$(cat "$OUT/bases/$base.digest")
  repository=$(dotnet msbuild "$project" -getProperty:ContainerRepository -p:Configuration=Release)
  log "publishing $repository onto orchestration-base@$digest"
  rm -f "$OUT/$repository.tar"
  dotnet publish "$project" -c Release -t:PublishContainer -v q -nologo \
    -p:ContainerBaseImage="$REGISTRY/orchestration-base@$digest" \
    -p:ContainerImageTag="$TAG" -p:ContainerVersion="$TAG" -p:UseAppHost=false \
    -p:ContainerArchiveOutputPath="$OUT/$repository.tar" >&2

  # The SBOM: the NuGet graph of the project, then the base's Debian packages and .NET runtime as components.
  sbom=$WORK/sbom-$repository
  rm -rf "$sbom"; mkdir -p "$sbom"
  dotnet tool run dotnet-CycloneDX "$project" --output "$sbom" --filename nuget.json --output-format Json --exclude-test-projects --recursive --include-project-references --no-serial-number --disable-package-restore \
    --set-name "$repository" --set-version "$TAG" --set-type Container >&2
  packages=$(awk '{ split($1, nv, "="); print nv[1] "\t" nv[2] "\t" $2 }' "$OUT/bases/$base.packages" | jq -R -s -c '
    split("\n") | map(select(length > 0) | split("\t")) | map(
      if .[0] == "dotnet-runtime" then
        {type: "framework", name: "Microsoft.AspNetCore.App", version: .[1], "bom-ref": "pkg:generic/dotnet-runtime@\(.[1])",
         purl: "pkg:generic/dotnet-runtime@\(.[1])", description: "The .NET and ASP.NET Core shared runtime of the base image"}
      else
        {type: "library", name: .[0], version: .[1], publisher: "Debian",
         "bom-ref": "pkg:deb/debian/\(.[0])@\(.[1])?arch=\(.[2])&distro=debian-12",
         purl: "pkg:deb/debian/\(.[0])@\(.[1])?arch=\(.[2])&distro=debian-12"}
      end)')
  jq --argjson packages "$packages" --arg base "orchestration-base@$digest" --arg created "$CREATED" '
    .metadata.timestamp = $created
    | .metadata.properties = ((.metadata.properties // []) + [{name: "orchestration:base-image", value: $base}])
    | .components = ((.components // []) + $packages)' "$sbom/nuget.json" > "$OUT/$repository.cdx.json"
  log "$OUT/$repository.tar, $OUT/$repository.cdx.json"
done

# The digests as chart values (helm upgrade … -f DIR/image-digests.yaml): every pod then pulls exactly the image built here.
{
  echo "# Each service's image by digest, as .ci/images.sh built it (the chart's image.digests)."
  echo "image:"
  echo "  digests:"
  for archive in "$OUT"/orchestration-*.tar; do
    name=$(basename "$archive" .tar)
    echo "    ${name#orchestration-}: $(tar -xOf "$archive" index.json | jq -r '.manifests[0].digest')"
  done
} > "$OUT/image-digests.yaml"
log "$OUT/image-digests.yaml"
