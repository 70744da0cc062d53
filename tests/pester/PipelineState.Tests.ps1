# Issue 9 as a pipeline lives it: separate pwsh processes ("agents") sharing state in a real PostgreSQL server.
BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    if (-not $env:SFHSSYNC_TEST_POSTGRES) { throw 'SFHSSYNC_TEST_POSTGRES is not set: ./build.ps1 Test starts a server; or point it at one.' }
    Add-Type -Path (Join-Path $script:ModulePath 'Dependencies/Npgsql.dll')

    function New-TestDatabase {
        $name = 'sfhs_agents_' + [guid]::NewGuid().ToString('N')
        $connection = [Npgsql.NpgsqlConnection]::new($env:SFHSSYNC_TEST_POSTGRES)
        $connection.Open()
        $command = $connection.CreateCommand()
        $command.CommandText = "CREATE DATABASE `"$name`""
        [void] $command.ExecuteNonQuery()
        $connection.Dispose()
        $builder = [Npgsql.NpgsqlConnectionStringBuilder]::new($env:SFHSSYNC_TEST_POSTGRES)
        $builder.Database = $name
        $builder.ConnectionString
    }

    # An agent: a fresh pwsh that imports the module, connects through SFHSSYNC_* variables as a pipeline would, and syncs.
    function Start-Agent([string] $State, [string] $Extra = '', [string] $Name = 'agent') {
        $out = Join-Path $TestDrive "$Name-$([guid]::NewGuid().ToString('N')).json"
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModulePath'
`$mapping = New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id |
    Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
    Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount
try {
    `$r = `$mapping | Start-Sync -State `$env:AGENT_STATE -WarningAction SilentlyContinue $Extra
    @{ ok = `$true; created = `$r.CreatedInHubSpot; updated = `$r.UpdatedInHubSpot; state = "`$(`$r.State)" } | ConvertTo-Json | Set-Content '$out'
}
catch {
    @{ ok = `$false; errorId = `$_.FullyQualifiedErrorId; message = `$_.Exception.Message } | ConvertTo-Json | Set-Content '$out'
}
"@
        $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $script) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.Environment['AGENT_STATE'] = $State
        $psi.Environment['SFHSSYNC_SF_INSTANCE_URL'] = "$($script:Sandbox.SalesforceUrl)"
        $psi.Environment['SFHSSYNC_SF_ACCESS_TOKEN'] = [Net.NetworkCredential]::new('', $script:Sandbox.Salesforce.AccessToken).Password
        $psi.Environment['SFHSSYNC_HS_BASE_URL'] = "$($script:Sandbox.HubSpotUrl)"
        $psi.Environment['SFHSSYNC_HS_ACCESS_TOKEN'] = [Net.NetworkCredential]::new('', $script:Sandbox.HubSpot.AccessToken).Password
        [pscustomobject] @{ Process = [Diagnostics.Process]::Start($psi); Result = $out }
    }

    function Wait-Agent($agent) {
        if (-not $agent.Process.WaitForExit(180000)) { $agent.Process.Kill($true); throw 'agent did not finish in 3 minutes' }
        Get-Content $agent.Result -Raw | ConvertFrom-Json
    }

    function Get-HubSpotInvoices {
        $token = [Net.NetworkCredential]::new('', $script:Sandbox.HubSpot.AccessToken).Password
        $all = @(); $after = $null
        do {
            $uri = "$($script:Sandbox.HubSpotUrl)crm/v3/objects/2-1234567?limit=100&properties=salesforce_id&properties=amount" + $(if ($after) { "&after=$after" } else { '' })
            $page = Invoke-RestMethod -Uri $uri -Headers @{ Authorization = "Bearer $token" }
            $all += $page.results
            $after = $page.paging.next.after
        } while ($after)
        $all
    }
}

Describe 'Several agents sharing state in PostgreSQL' {
    BeforeEach {
        # Each call waits a little, so a pass lasts long enough for agents to overlap.
        $options = Join-Path $TestDrive 'slow.json'
        '{ "Salesforce": { "Latency": "00:00:00.150" }, "HubSpot": { "Latency": "00:00:00.300" } }' | Set-Content $options
        $script:Sandbox = Start-SyncSandbox -Seed Demo -OptionsPath $options
        $script:State = New-TestDatabase
    }

    AfterEach {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'lets one of two agents starting at once sync a mapping; the other fails with the lease error; nothing is written twice' {
        $a = Start-Agent -State $script:State -Extra '-LeaseTimeout 0' -Name a
        $b = Start-Agent -State $script:State -Extra '-LeaseTimeout 0' -Name b
        $results = @((Wait-Agent $a), (Wait-Agent $b))

        $ok = @($results | Where-Object ok)
        $refused = @($results | Where-Object { -not $_.ok })
        ($ok | Measure-Object created -Sum).Sum | Should -Be 40
        if ($refused.Count -gt 0) {
            $refused[0].errorId | Should -Be 'SyncLeaseUnavailable,SfHsSync.Commands.StartSyncCommand'
            $refused[0].message | Should -Match 'is being synced by'
        }
        $invoices = Get-HubSpotInvoices
        $invoices.Count | Should -Be 40
        @($invoices.properties.salesforce_id | Sort-Object -Unique).Count | Should -Be 40
    }

    It 'refuses an agent while another runner holds the mapping''s lease, names the holder, writes nothing, and syncs once it is free' {
        # The other runner is this test: it takes the lease as a pipeline agent would, so the refusal does not depend
        # on two processes overlapping in time.
        $store = [SfHsSync.Engine.State.StateStore]::OpenAsync([SfHsSync.Engine.State.StateLocation]::Parse($script:State), [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        try {
            $lease = $store.AcquireLeaseAsync('Invoices', 'agent-7/release-42', [TimeSpan]::FromMinutes(5), [TimeSpan]::Zero, [Threading.CancellationToken]::None).GetAwaiter().GetResult()

            $refused = Wait-Agent (Start-Agent -State $script:State -Extra '-LeaseTimeout 0' -Name refused)
            $refused.ok | Should -BeFalse
            $refused.errorId | Should -Be 'SyncLeaseUnavailable,SfHsSync.Commands.StartSyncCommand'
            $refused.message | Should -Match 'agent-7/release-42 \(alive: its database session'
            $refused.message | Should -Match 'the lease frees the moment that run ends or its runner dies'
            @(Get-HubSpotInvoices).Count | Should -Be 0
            @(Get-SyncRun -State $script:State -Mapping Invoices).Count | Should -Be 0

            $store.ReleaseLeaseAsync($lease, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        }
        finally {
            $store.DisposeAsync().AsTask().GetAwaiter().GetResult()
        }

        $after = Wait-Agent (Start-Agent -State $script:State -Extra '-LeaseTimeout 0' -Name after)
        $after.ok | Should -BeTrue -Because $after.message
        $after.created | Should -Be 40
    }

    It 'lets a second agent take over at once after the first is killed mid-run (its session gone), marks the killed run Interrupted, and ends as an uninterrupted run would' {
        # Default heartbeat (a minute): had the second agent to wait for the lease to expire, -LeaseTimeout 0 would fail it.
        $first = Start-Agent -State $script:State -Name first
        # Kill it once it holds the lease and has started (a run record exists), before it could finish.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        do {
            Start-Sleep -Milliseconds 100
            $started = @(Get-SyncRun -State $script:State -Mapping Invoices).Count -gt 0
        } until ($started -or [DateTime]::UtcNow -gt $deadline)
        $started | Should -BeTrue
        $first.Process.Kill($true)
        $first.Process.WaitForExit()
        $killed = @(Get-SyncRun -State $script:State -Mapping Invoices)[0]
        $killed.State | Should -Be 'Running'

        $second = Wait-Agent (Start-Agent -State $script:State -Extra '-LeaseTimeout 0' -Name second)
        $second.ok | Should -BeTrue -Because $second.message
        $second.state | Should -Be 'Succeeded'

        $interrupted = Get-SyncRun -State $script:State -Mapping Invoices | Where-Object Id -eq $killed.Id
        $interrupted.State | Should -Be 'Interrupted'
        $interrupted.FinishedAt | Should -Not -BeNullOrEmpty
        $interrupted.Error | Should -Match 'ended without finishing \(its database session \(backend pid \d+'
        $interrupted.Error | Should -Match 'took the mapping over at'

        $invoices = Get-HubSpotInvoices
        $invoices.Count | Should -Be 40
        @($invoices.properties.salesforce_id | Sort-Object -Unique).Count | Should -Be 40
        # A third agent finds nothing left to do.
        (Wait-Agent (Start-Agent -State $script:State -Name third)).created | Should -Be 0
    }

    It 'lets the next pipeline run continue from the previous one''s watermarks' {
        (Wait-Agent (Start-Agent -State $script:State -Name monday)).created | Should -Be 40

        $token = [Net.NetworkCredential]::new('', $script:Sandbox.Salesforce.AccessToken).Password
        $id = (Invoke-RestMethod -Uri "$($script:Sandbox.SalesforceUrl)services/data/v59.0/query?q=SELECT+Id+FROM+Invoice__c+ORDER+BY+Id+LIMIT+1" -Headers @{ Authorization = "Bearer $token" }).records[0].Id
        Invoke-RestMethod -Method Patch -Uri "$($script:Sandbox.SalesforceUrl)services/data/v59.0/sobjects/Invoice__c/$id" -Headers @{ Authorization = "Bearer $token" } -ContentType 'application/json' -Body '{"Amount__c": 4242.42}' | Out-Null

        $tuesday = Wait-Agent (Start-Agent -State $script:State -Name tuesday)
        $tuesday.ok | Should -BeTrue
        $tuesday.created | Should -Be 0
        $tuesday.updated | Should -Be 1
        ((Get-HubSpotInvoices) | Where-Object { $_.properties.salesforce_id -eq $id }).properties.amount | Should -Be '4242.42'
        @(Get-SyncRun -State $script:State -Mapping Invoices).Count | Should -Be 2
    }
}

Describe 'Copy-SyncState' {
    BeforeAll {
        $script:Sandbox = Start-SyncSandbox -Seed Demo
    }

    AfterAll {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'moves a laptop''s SQLite state to PostgreSQL and back, verified by counts' {
        $laptop = Join-Path $TestDrive 'laptop.db'
        $mapping = New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number
        $null = $mapping | Start-Sync -State $laptop -WarningAction SilentlyContinue
        $server = New-TestDatabase

        $copied = Copy-SyncState -From $laptop -To $server
        $copied.Mapping | Should -Be 'Invoices'
        $copied.Verified | Should -BeTrue
        $copied.Source.Links | Should -Be 40
        $copied.Target.Runs | Should -Be 1
        $copied.To | Should -Not -Match 'Password=(?!\*\*\*)'

        # The copy is usable: a pass against PostgreSQL finds nothing new.
        ($mapping | Start-Sync -State $server -WarningAction SilentlyContinue).CreatedInHubSpot | Should -Be 0

        { Copy-SyncState -From $server -To $laptop -ErrorAction Stop } | Should -Throw -ErrorId 'SyncStateCopyTargetNotEmpty,SfHsSync.Commands.CopySyncStateCommand'
        $back = Copy-SyncState -From $server -To $laptop -Force
        $back.Verified | Should -BeTrue
        $back.Target.Runs | Should -Be 2
    }

    It 'carries each field''s story, the runs'' API use and the mapping''s definition to PostgreSQL and back, so Get-SyncRecord -History reads the same' {
        $laptop = Join-Path $TestDrive "story-$([guid]::NewGuid().ToString('N')).db"
        $mapping = New-SyncMapping -Name Stories -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number -Direction SalesforceToHubSpot |
            Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount
        $null = $mapping | Start-Sync -State $laptop -WarningAction SilentlyContinue
        $token = [Net.NetworkCredential]::new('', $script:Sandbox.Salesforce.AccessToken).Password
        $invoice = (Invoke-RestMethod -Uri "$($script:Sandbox.SalesforceUrl)services/data/v62.0/query?q=SELECT+Id+FROM+Invoice__c+ORDER+BY+Id+LIMIT+1" -Headers @{ Authorization = "Bearer $token" }).records[0]
        Invoke-RestMethod -Uri "$($script:Sandbox.SalesforceUrl)services/data/v62.0/sobjects/Invoice__c/$($invoice.Id)" -Method Patch -Headers @{ Authorization = "Bearer $token" } `
            -ContentType 'application/json' -Body (@{ Amount__c = 4242 } | ConvertTo-Json) | Out-Null
        $null = $mapping | Start-Sync -State $laptop -SalesforceCommitLag 0 -WarningAction SilentlyContinue

        function Get-Story([string] $State) {
            $starts = @{}
            Get-SyncRun -State $State -Mapping Stories -Last 100 | ForEach-Object { $starts[$_.Id] = $_.StartedAt.ToString('o') }
            # With -History, Get-SyncRecord lists each decision of each field (FieldOrigin), newest first.
            @(Get-SyncRecord -State $State -Mapping Stories -SalesforceId $invoice.Id -History | ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}' -f $_.Field, $_.Side, $_.Rule, $_.Value, $_.At.ToString('o'), $starts[$_.RunId] })
        }

        $before = Get-Story $laptop
        @($before | Where-Object { $_ -like 'Amount__c|Salesforce|TravelledByDirection|4242|*' }).Count | Should -Be 1
        @($before | Where-Object { $_ -like 'Amount__c|Salesforce|AlignedOnFirstLink|*' }).Count | Should -Be 1 -Because 'the earlier decision is kept as history'

        $server = New-TestDatabase
        $copied = Copy-SyncState -From $laptop -To $server
        $copied.Verified | Should -BeTrue
        $copied.Target.LinksWithOrigins | Should -Be 40
        $copied.Target.FieldHistory | Should -BeGreaterThan 0
        $copied.Target.RunsWithApiUse | Should -Be 2
        $copied.Target.HasDefinition | Should -BeTrue
        Get-Story $server | Should -Be $before

        $back = Join-Path $TestDrive "story-back-$([guid]::NewGuid().ToString('N')).db"
        (Copy-SyncState -From $server -To $back).Verified | Should -BeTrue
        Get-Story $back | Should -Be $before

        # The copy knows the mapping by name: a resync from PostgreSQL needs no mapping file.
        $resync = [pscustomobject]@{ Mapping = 'Stories'; SalesforceId = $invoice.Id } | Start-Sync -State $server -WarningAction SilentlyContinue
        $resync.State | Should -Be 'Succeeded'
        (Get-SyncRun -State $server -Mapping Stories -Last 1).Kind | Should -Be 'Resync'
    }
}
