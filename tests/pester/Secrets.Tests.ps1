# No secret anywhere: the demo, a failing run, -Verbose -Debug under Start-Transcript, error paths, exported YAML, a
# dump of the state (SQLite and PostgreSQL), the test results and the sandbox's own output are searched for every secret
# used (both access tokens, a client secret, the private key's text, a database password): none may appear.
BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    $script:Collected = Join-Path $TestDrive 'collected'
    New-Item -ItemType Directory -Path $script:Collected | Out-Null

    function New-InvoiceMapping([string] $Name = 'Invoices') {
        New-SyncMapping -Name $Name -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -CreateDirection TwoWay `
            -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
            Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount
    }

    function Save([string] $Name, $Value) { $Value | Out-String -Width 400 | Set-Content (Join-Path $script:Collected $Name) }

    # The module keeps Microsoft.Data.Sqlite in its private load context (Dependencies/): the type comes from there.
    function New-SqliteConnection([string] $ConnectionString) {
        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([SfHsSync.Engine.Mapping.SyncMapping].Assembly)
        $sqlite = $context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Microsoft.Data.Sqlite'))
        [Activator]::CreateInstance($sqlite.GetType('Microsoft.Data.Sqlite.SqliteConnection', $true), [object[]] @($ConnectionString))
    }

    function Get-SqliteDump([string] $Path) {
        $connection = New-SqliteConnection "Data Source=$Path;Mode=ReadOnly;Pooling=False"
        $connection.Open()
        try {
            $tables = $connection.CreateCommand(); $tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'"
            $names = @(); $r = $tables.ExecuteReader(); while ($r.Read()) { $names += $r.GetString(0) }; $r.Dispose()
            foreach ($table in $names) {
                $command = $connection.CreateCommand(); $command.CommandText = "SELECT * FROM `"$table`""
                $reader = $command.ExecuteReader()
                while ($reader.Read()) { "$table " + ((0..($reader.FieldCount - 1) | ForEach-Object { "$($reader.GetValue($_))" }) -join '|') }
                $reader.Dispose()
            }
        }
        finally { $connection.Dispose() }
    }
}

AfterAll {
    Get-Module SfHsSync | Remove-Module
}

Describe 'No secret anywhere' {
    It 'finds none of the secrets it used in anything the module, the sandbox or the tests wrote' {
        $rsa = [Security.Cryptography.RSA]::Create(2048)
        $keyPem = $rsa.ExportPkcs8PrivateKeyPem()
        $keyPath = Join-Path $TestDrive 'server.key'
        Set-Content $keyPath $keyPem
        $clientSecret = 'cs-' + [guid]::NewGuid().ToString('N')
        $dbPassword = 'pw-' + [guid]::NewGuid().ToString('N')
        # Lines of the key's body: any one of them in the output would be a leak.
        $keyLines = @($keyPem -split "`n" | Where-Object { $_ -and $_ -notmatch '-----' } | ForEach-Object Trim)
        # The sandbox's tokens (the same in every sandbox, the demo's too), read from the connection as a user would.
        $sandbox = Start-SyncSandbox -Seed Demo
        $sfToken = [Net.NetworkCredential]::new('', $sandbox.Salesforce.AccessToken).Password
        $hsToken = [Net.NetworkCredential]::new('', $sandbox.HubSpot.AccessToken).Password
        $secrets = @($sfToken, $hsToken, $clientSecret, $dbPassword) + $keyLines

        # The demo, in a process of its own, as ./build.ps1 Demo runs it.
        $demo = Join-Path $PSScriptRoot '../../demo/Demo.ps1'
        $demoOut = & ([Environment]::ProcessPath) $(if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' }) -NoProfile -NonInteractive -File $demo -ModulePath $script:ModulePath 2>&1
        Save 'demo.txt' $demoOut
        try {
            $state = Join-Path $TestDrive 'state.db'
            $transcript = Join-Path $script:Collected 'transcript.txt'
            Start-Transcript -Path $transcript | Out-Null
            try {
                $VerbosePreference = 'Continue'
                New-InvoiceMapping | Export-SyncMapping -Path (Join-Path $script:Collected 'invoices.sync.yml')
                Start-Sync -Path (Join-Path $script:Collected 'invoices.sync.yml') -State $state -Verbose -Debug -WarningAction Continue *>&1 | Out-String -Width 400
                Get-SyncRun -State $state | Format-List * | Out-String -Width 400
                Get-SyncError -State $state | Format-List * | Out-String -Width 400
                $sandbox | Format-List * | Out-String -Width 400
                Get-Variable sandbox | Out-String -Width 400
                $VerbosePreference = 'SilentlyContinue'

                # A failing run and error paths, each with its secret in play.
                $errors = @()
                try { New-InvoiceMapping -Name Failing | Add-FieldMapping -SalesforceField Nope__c -HubSpotProperty amount | Start-Sync -State $state -Verbose } catch { $errors += $_ }
                try { Connect-HubSpot -AccessToken (ConvertTo-SecureString $hsToken -AsPlainText -Force) -BaseUrl 'http://127.0.0.1:1/' } catch { $errors += $_ }
                try { Connect-Salesforce -InstanceUrl 'http://127.0.0.1:1/' -AccessToken (ConvertTo-SecureString $sfToken -AsPlainText -Force) } catch { $errors += $_ }
                try { Connect-Salesforce -ClientId 'client-1' -Username 'sync@example.com' -PrivateKeyPath $keyPath -LoginUrl $sandbox.SalesforceUrl } catch { $errors += $_ }
                try { Connect-Salesforce -ClientId 'client-1' -ClientSecret (ConvertTo-SecureString $clientSecret -AsPlainText -Force) -LoginUrl $sandbox.SalesforceUrl } catch { $errors += $_ }
                try { New-InvoiceMapping | Start-Sync -State "postgresql://nobody:$dbPassword@127.0.0.1:1/db" } catch { $errors += $_ }
                try { New-InvoiceMapping | Start-Sync -State "mysql://nobody:$dbPassword@localhost/db" } catch { $errors += $_ }
                $errors.Count | Should -BeGreaterOrEqual 5
                foreach ($e in $errors) { $e | Format-List * -Force | Out-String -Width 400; $e.Exception | Format-List * -Force | Out-String -Width 400; "$($e.ErrorDetails)"; $e.ScriptStackTrace }
                Get-Error -Newest 5 | Out-String -Width 400
            }
            finally { Stop-Transcript | Out-Null }
            Save 'errors.txt' ($errors | ForEach-Object { $_ | Format-List * -Force; $_.Exception.ToString() })
            Save 'state-dump.txt' (Get-SqliteDump $state)

            # PostgreSQL state opened with a password in its URI: the server accepts any (trust), so the run succeeds.
            if ($env:SFHSSYNC_TEST_POSTGRES -match 'Port=(\d+)') {
                $pg = "postgresql://postgres:$dbPassword@127.0.0.1:$($Matches[1])/postgres"
                Save 'pg-run.txt' (New-InvoiceMapping -Name SecretsPg | Start-Sync -State $pg -Verbose 4>&1 | Out-String -Width 400)
                Save 'pg-runs.txt' (Get-SyncRun -State $pg | Format-List * | Out-String -Width 400)
            }
        }
        finally { $sandbox | Stop-SyncSandbox }

        # The test results written so far, and the sandbox's own logs where it keeps them.
        $results = Join-Path $PSScriptRoot '../../out/TestResults'
        $files = @(Get-ChildItem $script:Collected -File -Recurse) + @(if (Test-Path $results) { Get-ChildItem $results -File -Recurse })
        $files.Count | Should -BeGreaterOrEqual 5
        $text = ($files | ForEach-Object { Get-Content $_.FullName -Raw }) -join "`n"
        $text.Length | Should -BeGreaterThan 10000 -Because 'there is a real amount of output to search'
        $hits = @(foreach ($secret in $secrets) { if ($text.Contains($secret)) { $secret.Substring(0, [Math]::Min(6, $secret.Length)) + '...' } })
        if ($env:SFHSSYNC_FIGURES) { @{ kind = 'secrets'; searched = $secrets.Count; files = $files.Count; hits = $hits.Count } | ConvertTo-Json -Compress | Add-Content $env:SFHSSYNC_FIGURES }
        $hits | Should -BeNullOrEmpty
    }
}
