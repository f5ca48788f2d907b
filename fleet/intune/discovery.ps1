# Intune custom-compliance discovery script: the ECI verdict of the Docker Desktop of the user at
# the console, as ECI Tray verifies it with probe containers. Intune runs it as SYSTEM (by default
# in a 32-bit PowerShell), then holds its one line of compact JSON against fleet/intune/rules.json:
# non-compliant unless the verdict is "protected".
#
# Keys (SettingNames): verdict, eciVerified, pending, unprotectedContainers, desktopVersion,
# checkedAt, blockingSettingsErrors, desktopContainers. See the README section "Fleet (MDM)" for the verdicts and exit codes.

$ErrorActionPreference = 'Stop'

# The app is a GUI executable: run it with its output redirected and wait for it to exit.
# ProgramW6432 is the 64-bit Program Files folder, also from a 32-bit PowerShell.
$candidates = @(
  (Join-Path $env:ProgramW6432 'ECI Tray\ECI Tray.exe'),
  (Join-Path $env:ProgramFiles 'ECI Tray\ECI Tray.exe')
)
# A per-user install lives in the console user's profile.
$console = (Get-CimInstance -ClassName Win32_ComputerSystem).UserName
if ($console) {
  $name = $console.Split('\')[-1]
  $candidates += "C:\Users\$name\AppData\Local\Programs\ECI Tray\ECI Tray.exe"
}
$app = $candidates | Where-Object { $_ -and (Test-Path -LiteralPath $_) } | Select-Object -First 1

function Result([string]$verdict) {
  return @{ verdict = $verdict; eciVerified = $false; pending = $false; unprotectedContainers = 0; desktopVersion = ''; checkedAt = (Get-Date).ToUniversalTime().ToString('o'); blockingSettingsErrors = 0; desktopContainers = 0 }
}

if (-not $app) {
  return (Result 'not-installed') | ConvertTo-Json -Compress
}

$out = Join-Path $env:TEMP ("eci-tray-" + [guid]::NewGuid() + ".json")
$err = "$out.err"
try {
  $p = Start-Process -FilePath $app -ArgumentList @('check', '--for-console-user', '--format', 'intune', '--timeout', '120') `
    -NoNewWindow -Wait -PassThru -RedirectStandardOutput $out -RedirectStandardError $err
  $hash = Get-Content -LiteralPath $out -Raw | ConvertFrom-Json
  if (-not $hash.verdict) { throw "no verdict (exit $($p.ExitCode))" }
} catch {
  $hash = Result 'error'
} finally {
  Remove-Item -LiteralPath $out, $err -ErrorAction SilentlyContinue
}
return $hash | ConvertTo-Json -Compress
