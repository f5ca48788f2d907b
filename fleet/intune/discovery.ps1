# Intune custom-compliance discovery script: the ECI verdict of the Docker Desktop of the user at
# the console, as ECI Tray verifies it with probe containers. Intune runs it as SYSTEM (by default
# in a 32-bit PowerShell), then holds its one line of compact JSON against fleet/intune/rules.json:
# non-compliant unless the verdict is "protected".
#
# Keys (SettingNames): verdict, eciVerified, pending, unprotectedContainers, desktopVersion,
# checkedAt, blockingSettingsErrors, desktopContainers. See docs/FLEET.md for the verdicts and exit codes.
#
# It runs the app as SYSTEM, so it runs only a per-machine install that ordinary users cannot
# change (docs/FLEET.md, "What the fleet scripts refuse to run"): under Program Files, never a
# per-user install (%LOCALAPPDATA%\Programs is the user's to write); the install folder and
# everything in it owned by SYSTEM, Administrators or TrustedInstaller and writable by nobody
# else; no folder above it that lets a user rename or replace it; no junction or symbolic link on
# the way; and a valid Authenticode signature when the app is signed. Otherwise the verdict is
# "not-installed" and "reason" says why; the app is not started.

$ErrorActionPreference = 'Stop'

# Set to your code-signing certificate's thumbprint to also require that signer.
$RequiredSignerThumbprint = ''

# --- The decision: pure functions of facts read from the file system (reviewable on their own). ---

# SYSTEM, BUILTIN\Administrators, NT SERVICE\TrustedInstaller.
$TrustedSids = @('S-1-5-18', 'S-1-5-32-544', 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464')

# FileSystemRights that change an item of the install or let its folder take a new one (a planted
# DLL): WriteData/CreateFiles 0x2, AppendData/CreateDirectories 0x4, WriteExtendedAttributes 0x10,
# DeleteSubdirectoriesAndFiles 0x40, WriteAttributes 0x100, Delete 0x10000, ChangePermissions
# 0x40000, TakeOwnership 0x80000, GENERIC_ALL 0x10000000, GENERIC_WRITE 0x40000000.
$InstallWriteRights = 0x500D0156
# On a folder above the install, what lets a user rename or replace the folder below it:
# DeleteSubdirectoriesAndFiles, Delete, ChangePermissions, TakeOwnership, GENERIC_ALL. Creating a
# new folder beside it (Authenticated Users may, in C:\) changes nothing that is run.
$AncestorWriteRights = 0x100D0040

# One item: $Facts has Path, IsReparsePoint, OwnerSid and Rules (each Sid, Rights as an integer,
# Allow as a boolean, InheritOnly as a boolean). Returns why it may not be run as SYSTEM, or $null.
function Get-ItemProblem($Facts, [int64]$WriteRights) {
  if ($Facts.IsReparsePoint) { return "$($Facts.Path) is a junction or symbolic link" }
  if ($TrustedSids -notcontains $Facts.OwnerSid) { return "$($Facts.Path) is owned by $($Facts.OwnerSid), not SYSTEM, Administrators or TrustedInstaller" }
  foreach ($rule in $Facts.Rules) {
    # Deny entries take rights away; inherit-only entries (CREATOR OWNER) apply to children only.
    if (-not $rule.Allow -or $rule.InheritOnly -or ($TrustedSids -contains $rule.Sid)) { continue }
    if (([int64]$rule.Rights -band $WriteRights) -ne 0) { return "$($Facts.Path) can be changed by $($rule.Sid)" }
  }
  return $null
}

# Signature: $Status is Get-AuthenticodeSignature's Status as text. Unsigned builds have no seal.
function Get-SignatureProblem([string]$Status, [string]$Thumbprint, [string]$Required) {
  if ($Status -eq 'NotSigned') {
    if ($Required) { return "the app is not signed, and signer $Required is required" }
    return $null
  }
  if ($Status -ne 'Valid') { return "its Authenticode signature is $Status" }
  if ($Required -and $Thumbprint -ne $Required) { return "it is signed by $Thumbprint, not $Required" }
  return $null
}

# --- Reading the facts. ---

function Get-ItemFacts([string]$Path) {
  $item = Get-Item -LiteralPath $Path -Force
  $acl = Get-Acl -LiteralPath $Path
  $sid = [System.Security.Principal.SecurityIdentifier]
  $rules = foreach ($r in $acl.GetAccessRules($true, $true, $sid)) {
    [pscustomobject]@{
      Sid = $r.IdentityReference.Value
      Rights = [int64]$r.FileSystemRights
      Allow = ($r.AccessControlType -eq 'Allow')
      InheritOnly = (($r.PropagationFlags -band [System.Security.AccessControl.PropagationFlags]::InheritOnly) -ne 0)
    }
  }
  return [pscustomobject]@{
    Path = $Path
    IsReparsePoint = (($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint) -ne 0)
    OwnerSid = $acl.GetOwner($sid).Value
    Rules = @($rules)
  }
}

# Why the install at $Dir may not be run as SYSTEM, or $null.
function Get-InstallProblem([string]$Dir, [string]$Exe) {
  if (-not (Test-Path -LiteralPath $Exe -PathType Leaf)) { return "there is no $Exe" }
  foreach ($item in @(Get-Item -LiteralPath $Dir -Force) + @(Get-ChildItem -LiteralPath $Dir -Recurse -Force)) {
    $problem = Get-ItemProblem (Get-ItemFacts $item.FullName) $InstallWriteRights
    if ($problem) { return $problem }
  }
  $parent = Split-Path -Parent $Dir
  while ($parent) {
    $problem = Get-ItemProblem (Get-ItemFacts $parent) $AncestorWriteRights
    if ($problem) { return $problem }
    $parent = Split-Path -Parent $parent
  }
  $sig = Get-AuthenticodeSignature -LiteralPath $Exe
  $thumb = if ($sig.SignerCertificate) { $sig.SignerCertificate.Thumbprint } else { '' }
  return Get-SignatureProblem ([string]$sig.Status) $thumb $RequiredSignerThumbprint
}

function Result([string]$verdict, [string]$reason) {
  $r = @{ verdict = $verdict; eciVerified = $false; pending = $false; unprotectedContainers = 0; desktopVersion = ''; checkedAt = (Get-Date).ToUniversalTime().ToString('o'); blockingSettingsErrors = 0; desktopContainers = 0 }
  if ($reason) { $r.reason = $reason }
  return $r
}

# --- The run. ---

# Per-machine installs only (NSIS per-machine or the MSI). ProgramW6432 is the 64-bit Program Files
# folder, also from a 32-bit PowerShell.
$dirs = @($env:ProgramW6432, $env:ProgramFiles) | Where-Object { $_ } | ForEach-Object { Join-Path $_ 'ECI Tray' } | Select-Object -Unique
$dir = $dirs | Where-Object { Test-Path -LiteralPath $_ -PathType Container } | Select-Object -First 1
if (-not $dir) {
  return (Result 'not-installed' "no per-machine install in $($dirs -join ' or ')") | ConvertTo-Json -Compress
}
$app = Join-Path $dir 'ECI Tray.exe'
try {
  $problem = Get-InstallProblem $dir $app
} catch {
  $problem = "its files and rights could not be read: $($_.Exception.Message)"
}
if ($problem) {
  return (Result 'not-installed' "not run as SYSTEM: $problem") | ConvertTo-Json -Compress
}

# The app is a GUI executable: run it with its output redirected and wait for it to exit.
$out = Join-Path $env:TEMP ("eci-tray-" + [guid]::NewGuid() + ".json")
$err = "$out.err"
try {
  $p = Start-Process -FilePath $app -ArgumentList @('check', '--for-console-user', '--format', 'intune', '--timeout', '120') `
    -NoNewWindow -Wait -PassThru -RedirectStandardOutput $out -RedirectStandardError $err
  $hash = Get-Content -LiteralPath $out -Raw | ConvertFrom-Json
  if (-not $hash.verdict) { throw "no verdict (exit $($p.ExitCode))" }
} catch {
  $hash = Result 'error' "$($_.Exception.Message)"
} finally {
  Remove-Item -LiteralPath $out, $err -ErrorAction SilentlyContinue
}
return $hash | ConvertTo-Json -Compress
