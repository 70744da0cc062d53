# The API versions a connection speaks: HubSpot's dated 2026-09 by default (2026-03 or v3 when asked), a sandbox that
# retires the numbered paths, Test-SyncMapping's warning near a version's end of support, and Salesforce's newest version.
BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    $script:SavedVersion = $env:SFHSSYNC_HS_API_VERSION

    function New-InvoiceMapping {
        New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices `
            -CreateDirection TwoWay -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
            Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount
    }

    function Invoke-HubSpot([string] $Path) {
        $headers = @{ Authorization = "Bearer $(ConvertFrom-SecureString $script:Sandbox.HubSpot.AccessToken -AsPlainText)" }
        Invoke-WebRequest -Uri "$($script:Sandbox.HubSpotUrl)$Path" -Headers $headers -SkipHttpErrorCheck
    }
}

AfterAll {
    $env:SFHSSYNC_HS_API_VERSION = $script:SavedVersion
    Remove-Module SfHsSync -ErrorAction SilentlyContinue
}

Describe 'A sandbox that serves only HubSpot 2026-09' {
    BeforeAll {
        $script:Sandbox = Start-SyncSandbox -Seed Demo -HubSpotApiVersions 2026-09
    }

    AfterAll {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'answers the retired v3 paths 404 and makes a 2026-09 connection current' {
        (Invoke-HubSpot 'crm/v3/objects/2-1234567?limit=1').StatusCode | Should -Be 404
        (Invoke-HubSpot 'crm/objects/2026-09/2-1234567?limit=1').StatusCode | Should -Be 200
        $script:Sandbox.HubSpot.ApiVersion.Name | Should -Be '2026-09'
    }

    It 'syncs every invoice through the 2026-09 paths alone' {
        $state = Join-Path $TestDrive 'state.db'
        $result = New-InvoiceMapping | Start-Sync -State $state
        $result.State | Should -Be 'Succeeded'
        $result.CreatedInHubSpot | Should -Be 40
        $page = (Invoke-HubSpot 'crm/objects/2026-09/2-1234567?limit=100&properties=salesforce_id').Content | ConvertFrom-Json
        @($page.results).Count | Should -Be 40
    }
}

Describe 'Connect-HubSpot -ApiVersion and Test-SyncMapping' {
    BeforeAll {
        $script:Sandbox = Start-SyncSandbox -Seed Demo
    }

    AfterAll {
        $script:Sandbox | Stop-SyncSandbox
    }

    BeforeEach {
        Remove-Item Env:SFHSSYNC_HS_API_VERSION -ErrorAction SilentlyContinue
    }

    It 'speaks 2026-09 by default, the version asked for, or the one SFHSSYNC_HS_API_VERSION names' {
        (Connect-HubSpot -AccessToken $script:Sandbox.HubSpot.AccessToken -BaseUrl $script:Sandbox.HubSpotUrl).ApiVersion.Name | Should -Be '2026-09'
        (Connect-HubSpot -AccessToken $script:Sandbox.HubSpot.AccessToken -BaseUrl $script:Sandbox.HubSpotUrl -ApiVersion v3).ApiVersion.Name | Should -Be 'v3'
        $env:SFHSSYNC_HS_API_VERSION = '2026-03'
        (Connect-HubSpot -AccessToken $script:Sandbox.HubSpot.AccessToken -BaseUrl $script:Sandbox.HubSpotUrl).ApiVersion.Name | Should -Be '2026-03'
    }

    It 'refuses an unknown version from the environment, naming the variable' {
        $env:SFHSSYNC_HS_API_VERSION = '2024-01'
        $err = $null
        try { Connect-HubSpot -AccessToken $script:Sandbox.HubSpot.AccessToken -BaseUrl $script:Sandbox.HubSpotUrl -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'HubSpotApiVersionInvalid,SfHsSync.Commands.ConnectHubSpotCommand'
        $err.Exception.Message | Should -Match 'SFHSSYNC_HS_API_VERSION'
    }

    It 'warns when the connection is pinned to v3, naming the end of support, and stays quiet under 2026-09' {
        $v3 = Connect-HubSpot -AccessToken $script:Sandbox.HubSpot.AccessToken -BaseUrl $script:Sandbox.HubSpotUrl -ApiVersion v3
        $found = @(New-InvoiceMapping | Test-SyncMapping -HubSpotConnection $v3 -WarningAction SilentlyContinue | Where-Object RuleId -eq 'CN001')
        $found.Count | Should -Be 1
        $found[0].Severity | Should -Be 'Warning'
        $found[0].Message | Should -Match '2027-03-30'

        $dated = Connect-HubSpot -AccessToken $script:Sandbox.HubSpot.AccessToken -BaseUrl $script:Sandbox.HubSpotUrl
        @(New-InvoiceMapping | Test-SyncMapping -HubSpotConnection $dated | Where-Object RuleId -eq 'CN001').Count | Should -Be 0
    }
}

Describe 'Connect-Salesforce: API versions and the refresh token flow' {
    BeforeAll {
        $script:Sandbox = Start-SyncSandbox -Seed Demo
    }

    AfterAll {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'signs in with -RefreshToken and the connected app''s id and secret, never showing them' {
        $refresh = ConvertTo-SecureString 'sandbox-refresh-token' -AsPlainText -Force
        $secret = ConvertTo-SecureString 'sandbox-consumer-secret' -AsPlainText -Force
        $connection = Connect-Salesforce -RefreshToken $refresh -ClientId 'sandbox-consumer-key' -ClientSecret $secret -LoginUrl $script:Sandbox.SalesforceUrl
        $connection.AuthMethod | Should -Be 'RefreshToken'
        $connection.OrganizationId | Should -Not -BeNullOrEmpty
        ($connection | Format-List * | Out-String) | Should -Not -Match 'sandbox-refresh-token|sandbox-consumer-secret'

        $err = $null
        $revoked = ConvertTo-SecureString 'revoked-refresh-token' -AsPlainText -Force
        try { Connect-Salesforce -RefreshToken $revoked -ClientId 'sandbox-consumer-key' -ClientSecret $secret -LoginUrl $script:Sandbox.SalesforceUrl -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'SalesforceAuthenticationFailed,SfHsSync.Commands.ConnectSalesforceCommand'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match 'revoked-refresh-token'
    }

    It 'reuses a login of the real Salesforce CLI with -SfCliAlias, and syncs on it' {
        # The real @salesforce/cli (tests/contract/sfcli, installed by build.ps1), in a home of its own so no login
        # leaks into or out of the machine's ~/.sf and ~/.sfdx.
        $sf = Join-Path $PSScriptRoot "../contract/sfcli/node_modules/.bin/$(if ($IsWindows) { 'sf.cmd' } else { 'sf' })"
        $sf | Should -Exist -Because 'build.ps1 Test installs the Salesforce CLI (npm ci in tests/contract/sfcli)'
        $refresh = ConvertTo-SecureString 'sandbox-refresh-token' -AsPlainText -Force
        $secret = ConvertTo-SecureString 'sandbox-consumer-secret' -AsPlainText -Force
        $issued = Connect-Salesforce -RefreshToken $refresh -ClientId 'sandbox-consumer-key' -ClientSecret $secret -LoginUrl $script:Sandbox.SalesforceUrl
        $token = ConvertFrom-SecureString $issued.AccessToken -AsPlainText
        $url = $script:Sandbox.SalesforceUrl.ToString().TrimEnd('/')
        $names = 'HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'SF_ACCESS_TOKEN', 'SF_DISABLE_TELEMETRY', 'SF_DISABLE_AUTOUPDATE', 'SF_SKIP_NEW_VERSION_CHECK', 'PATH'
        $saved = @{}; foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        try {
            $sfHome = Join-Path $TestDrive 'sf-home'
            $null = New-Item -ItemType Directory -Path $sfHome
            foreach ($n in 'HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME') { [Environment]::SetEnvironmentVariable($n, $sfHome) }
            # No background updater or update check outlives the test (the module's own runs set the same).
            $env:SF_DISABLE_TELEMETRY = 'true'; $env:SF_DISABLE_AUTOUPDATE = 'true'; $env:SF_SKIP_NEW_VERSION_CHECK = 'true'
            $env:PATH = (Split-Path $sf) + [IO.Path]::PathSeparator + $env:PATH
            $env:SF_ACCESS_TOKEN = $token
            $login = (& $sf org login access-token --instance-url $url --alias sbx --no-prompt --json 2>$null) -join "`n"
            $env:SF_ACCESS_TOKEN = $null
            $LASTEXITCODE | Should -Be 0 -Because $login
            $login | Should -Not -Match ([regex]::Escape($token))
            $answer = $login | ConvertFrom-Json
            $answer.result.username | Should -Be 'integration@sfhssync.sandbox'
            $answer.result.orgId | Should -Be $issued.OrganizationId
            $answer.result.instanceApiVersion | Should -Be '68.0'
            $answer.result.orgEdition | Should -Be 'Developer Edition'
            (Get-ChildItem -Path $sfHome -Recurse -Force -Filter '*.json' | Select-Object -ExpandProperty Name) | Should -Contain 'integration@sfhssync.sandbox.json'

            # What the CLI asks of an org afterwards: its session check, and a query laid out from the query's columns.
            $display = (& $sf org display --target-org sbx --json 2>$null) -join "`n" | ConvertFrom-Json
            $display.result.connectedStatus | Should -Be 'Connected'
            $display.result.apiVersion | Should -Be '68.0'
            $query = (& $sf data query --query 'SELECT Name, Account__r.Name FROM Invoice__c ORDER BY Name LIMIT 3' --target-org sbx --json 2>$null) -join "`n" | ConvertFrom-Json
            $query.status | Should -Be 0
            $query.result.records.Name | Should -Be @('INV-0001', 'INV-0002', 'INV-0003')
            $query.result.records[0].Account__r.Name | Should -Not -BeNullOrEmpty

            $connection = Connect-Salesforce -SfCliAlias sbx -SfCliPath $sf
            $connection.InstanceUrl.ToString().TrimEnd('/') | Should -Be $url
            $connection.AuthMethod | Should -Be 'AccessToken'
            $connection.ApiVersion | Should -Be 'v68.0'
            ($connection | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($token))
            $result = New-InvoiceMapping | Start-Sync -State (Join-Path $TestDrive 'cli.db') -SalesforceConnection $connection
            $result.State | Should -Be 'Succeeded'
            $result.CreatedInHubSpot | Should -Be 40
            (Get-SyncRun -State (Join-Path $TestDrive 'cli.db') -Last 1).ApiVersions | Should -Be 'Salesforce v68.0, HubSpot 2026-09'

            $err = $null
            try { Connect-Salesforce -SfCliAlias nope -SfCliPath $sf -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be 'SalesforceCliLoginFailed,SfHsSync.Commands.ConnectSalesforceCommand'
            $err.Exception.Message | Should -Match 'NamedOrgNotFoundError'
            @(Get-Process -Name node -ErrorAction SilentlyContinue | Where-Object CommandLine -Like '*contract/sfcli*') | Should -BeNullOrEmpty -Because 'no updater is left running'
        }
        finally {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
        }
    }

    It 'uses the newest version both the org and the module support, unless -ApiVersion pins one' {
        (Connect-Salesforce -InstanceUrl $script:Sandbox.SalesforceUrl -AccessToken $script:Sandbox.Salesforce.AccessToken).ApiVersion | Should -Be 'v68.0'
        (Connect-Salesforce -InstanceUrl $script:Sandbox.SalesforceUrl -AccessToken $script:Sandbox.Salesforce.AccessToken -ApiVersion v60.0).ApiVersion | Should -Be 'v60.0'
    }
}

Describe 'Salesforce API version negotiation for every way of connecting' {
    BeforeAll {
        # An org that lists only older versions (v50.0 to v64.0): every connection speaks v64.0, the newest shared one.
        $options = Join-Path $TestDrive 'older-org.json'
        '{ "Salesforce": { "MaxApiVersion": 64 } }' | Set-Content $options
        $script:Sandbox = Start-SyncSandbox -Seed Demo -OptionsPath $options

        # A pipeline agent: a fresh pwsh whose only connections are the SFHSSYNC_* variables.
        function Invoke-Agent([string] $State, [hashtable] $Variables = @{}) {
            $out = Join-Path $TestDrive "agent-$([guid]::NewGuid().ToString('n')).json"
            $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
try {
    `$mapping = New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -CreateDirection TwoWay -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
        Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number
    `$null = `$mapping | Start-Sync -State '$State' -Continuous -Interval 0 -MaxPasses 2 -WarningAction SilentlyContinue
    @{ ok = `$true; versions = @(Get-SyncRun -State '$State' | ForEach-Object ApiVersions) } | ConvertTo-Json | Set-Content '$out'
}
catch {
    @{ ok = `$false; errorId = `$_.FullyQualifiedErrorId; message = `$_.Exception.Message } | ConvertTo-Json | Set-Content '$out'
}
"@
            $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
            if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
            foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $script) { $psi.ArgumentList.Add($a) }
            $psi.UseShellExecute = $false
            $psi.Environment['SFHSSYNC_SF_INSTANCE_URL'] = "$($script:Sandbox.SalesforceUrl)"
            $psi.Environment['SFHSSYNC_SF_ACCESS_TOKEN'] = [Net.NetworkCredential]::new('', $script:Sandbox.Salesforce.AccessToken).Password
            $psi.Environment['SFHSSYNC_HS_BASE_URL'] = "$($script:Sandbox.HubSpotUrl)"
            $psi.Environment['SFHSSYNC_HS_ACCESS_TOKEN'] = [Net.NetworkCredential]::new('', $script:Sandbox.HubSpot.AccessToken).Password
            foreach ($k in $Variables.Keys) { $psi.Environment[$k] = $Variables[$k] }
            $agent = [Diagnostics.Process]::Start($psi)
            if (-not $agent.WaitForExit(180000)) { $agent.Kill($true); throw 'the agent did not finish in 3 minutes' }
            Get-Content $out -Raw | ConvertFrom-Json
        }
    }

    AfterAll {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'gives Start-SyncSandbox''s connection the newest version the org shares, and the runs on it record it' {
        $script:Sandbox.Salesforce.ApiVersion | Should -Be 'v64.0'
        $script:Sandbox.Salesforce.ApiVersionSource | Should -Be 'Negotiated'
        $state = Join-Path $TestDrive 'sandbox.db'
        (New-InvoiceMapping | Start-Sync -State $state).State | Should -Be 'Succeeded'
        (Get-SyncRun -State $state -Last 1).ApiVersions | Should -Be 'Salesforce v64.0, HubSpot 2026-09'
    }

    It 'negotiates a connection read from the SFHSSYNC_SF_* variables, for every pass of a continuous sync' {
        $answer = Invoke-Agent -State (Join-Path $TestDrive 'agent.db')
        $answer.ok | Should -BeTrue -Because $answer.message
        $answer.versions | Should -Be @('Salesforce v64.0, HubSpot 2026-09', 'Salesforce v64.0, HubSpot 2026-09')
    }

    It 'keeps the version SFHSSYNC_SF_API_VERSION pins, and refuses one that is not a version, naming the variable' {
        $pinned = Invoke-Agent -State (Join-Path $TestDrive 'pinned.db') -Variables @{ SFHSSYNC_SF_API_VERSION = 'v60.0' }
        $pinned.ok | Should -BeTrue -Because $pinned.message
        $pinned.versions | Should -Be @('Salesforce v60.0, HubSpot 2026-09', 'Salesforce v60.0, HubSpot 2026-09')

        $bad = Invoke-Agent -State (Join-Path $TestDrive 'bad.db') -Variables @{ SFHSSYNC_SF_API_VERSION = 'latest' }
        $bad.ok | Should -BeFalse
        $bad.errorId | Should -Match '^SalesforceApiVersionInvalid,'
        $bad.message | Should -Match "SFHSSYNC_SF_API_VERSION 'latest'"
    }

    It 'refuses to start a sandbox whose org shares no version with the module, naming both lists' {
        $options = Join-Path $TestDrive 'future-org.json'
        '{ "Salesforce": { "MinApiVersion": 70, "MaxApiVersion": 71 } }' | Set-Content $options
        $err = $null
        try { Start-SyncSandbox -Seed Demo -OptionsPath $options -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Match '^SalesforceApiVersionUnsupported,'
        $err.Exception.Message | Should -Match 'The org serves: v70\.0, v71\.0\. This client speaks v59\.0 to v68\.0'
    }
}
