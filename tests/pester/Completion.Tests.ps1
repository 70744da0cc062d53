# Issue 21: Tab completes objects and fields from the connected services, and mapping names from files and the state.
BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force

    function Get-Completion([string] $line) {
        # What Tab offers at the end of $line, as the console would ask for it.
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText)
    }

    function Clear-Connection {
        [SfHsSync.Commands.SessionConnections]::Salesforce = $null
        [SfHsSync.Commands.SessionConnections]::HubSpot = $null
    }

    $script:NewInvoices = 'New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices'
}

AfterAll {
    Clear-Connection
    Remove-Module SfHsSync -ErrorAction SilentlyContinue
}

Describe 'Completion without a connection' {
    BeforeAll { Clear-Connection }

    It 'offers nothing and writes no error for <Line>' -ForEach @(
        @{ Line = 'Add-FieldMapping -SalesforceField Amo' }
        @{ Line = 'New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices | Add-FieldMapping -SalesforceField Amo' }
        @{ Line = 'New-SyncMapping -Name I -SalesforceObject Inv' }
        @{ Line = 'New-SyncMapping -Name I -SalesforceObject Invoice__c -HubSpotObject p' }
        @{ Line = 'New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices | Add-FieldMapping Amount__c -HubSpotProperty am' }
    ) {
        $errors = $Error.Count
        Get-Completion $Line | Should -BeNullOrEmpty
        $Error.Count | Should -Be $errors
    }
}

Describe 'Completion against the sandbox' {
    BeforeAll {
        $script:Sandbox = Start-SyncSandbox -Seed Demo
        $script:Invoices = Invoke-Expression $script:NewInvoices
    }

    AfterAll {
        if ($script:Sandbox.IsRunning) { $script:Sandbox | Stop-SyncSandbox }
        Clear-Connection
    }

    It 'offers Amount__c for Add-FieldMapping -SalesforceField Amo<Tab> on a mapping of Invoice__c piped from New-SyncMapping' {
        $offered = Get-Completion "$script:NewInvoices | Add-FieldMapping -SalesforceField Amo"
        $offered | Should -Contain 'Amount__c'
        $offered | Where-Object { $_ -notlike 'Amo*' } | Should -BeNullOrEmpty -Because 'only names starting with what was typed are offered'
    }

    It 'knows the mapping from <How>' -ForEach @(
        @{ How = 'positional New-SyncMapping arguments'; Line = 'New-SyncMapping Invoices Invoice__c p12345678_invoices | Add-FieldMapping -SalesforceField Amo' }
        @{ How = 'a piped variable'; Line = '$script:Invoices | Add-FieldMapping -SalesforceField Amo' }
        @{ How = '-Mapping bound to a variable'; Line = 'Add-FieldMapping -Mapping $script:Invoices -SalesforceField Amo' }
        @{ How = 'cmdlets that pass the mapping on'; Line = '$script:Invoices | Add-FieldMapping Name invoice_number | Set-SyncMapping -ConflictWinner HubSpot | Add-FieldMapping -SalesforceField Amo' }
        @{ How = 'Set-FieldMapping'; Line = '$script:Invoices | Set-FieldMapping -SalesforceField Amo' }
    ) {
        Get-Completion $Line | Should -Be @('Amount__c')
    }

    It 'knows the mapping of a file Import-SyncMapping reads' {
        $file = Join-Path $TestDrive 'invoices.sync.yml'
        $script:Invoices | Add-FieldMapping Name invoice_number | Export-SyncMapping -Path $file
        Push-Location $TestDrive
        try { Get-Completion 'Import-SyncMapping ./invoices.sync.yml | Add-FieldMapping -SalesforceField Amo' | Should -Be @('Amount__c') }
        finally { Pop-Location }
    }

    It 'offers the HubSpot object''s properties for -HubSpotProperty' {
        $offered = Get-Completion '$script:Invoices | Add-FieldMapping Amount__c -HubSpotProperty am'
        $offered | Should -Contain 'amount'
        $offered | Where-Object { $_ -notlike 'am*' } | Should -BeNullOrEmpty
    }

    It 'offers the org''s objects and the account''s objects' {
        Get-Completion 'New-SyncMapping -Name I -SalesforceObject Invoice' | Should -Contain 'Invoice__c'
        $hubSpot = Get-Completion 'New-SyncMapping -Name I -SalesforceObject Invoice__c -HubSpotObject '
        $hubSpot | Should -Contain 'p12345678_invoices'
        $hubSpot | Should -Contain 'companies'
    }

    It 'offers the fields of the mapping being made for -HubSpotIdField and -SalesforceIdProperty' {
        Get-Completion "New-SyncMapping -Name I -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -HubSpotIdField HubSpot_" |
            Should -Be @('HubSpot_Id__c')
        Get-Completion "New-SyncMapping -Name I -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_" |
            Should -Contain 'salesforce_id'
    }

    It 'offers nothing for a field when the mapping is not knowable' {
        Get-Completion 'Get-Content ./x | Add-FieldMapping -SalesforceField Amo' | Should -BeNullOrEmpty
    }

    It 'completes enum parameters as usual' {
        Get-Completion '$script:Invoices | Add-FieldMapping Amount__c amount -Direction SalesforceTo' | Should -Be @('SalesforceToHubSpot')
    }

    It 'answers again from its cache once the sandbox is gone, and a list never read offers nothing, without an error' {
        Get-Completion '$script:Invoices | Add-FieldMapping -SalesforceField Amo' | Should -Be @('Amount__c')
        # The process ends behind the module's back: the connections stay current, their service answers no more.
        Stop-Process -Id $script:Sandbox.ProcessId -Force
        (Get-Process -Id $script:Sandbox.ProcessId -ErrorAction SilentlyContinue) | Wait-Process -ErrorAction SilentlyContinue
        $errors = $Error.Count
        Get-Completion '$script:Invoices | Add-FieldMapping -SalesforceField Amo' | Should -Be @('Amount__c')
        Get-Completion 'New-SyncMapping -Name A -SalesforceObject Account -HubSpotObject companies | Add-FieldMapping -SalesforceField Na' |
            Should -BeNullOrEmpty
        $Error.Count | Should -Be $errors
    }
}

Describe 'Completion of mapping names' {
    BeforeAll {
        Clear-Connection
        $script:Folder = Join-Path $TestDrive 'names'
        New-Item -ItemType Directory -Path $script:Folder | Out-Null
        $inFile = New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices
        $inFile, (New-SyncMapping -Name Accounts -SalesforceObject Account -HubSpotObject companies) |
            Export-SyncMapping -Path (Join-Path $script:Folder 'crm.sync.yml')
        Set-Content (Join-Path $script:Folder 'pipeline.yml') "steps:`n  - pwsh: echo not a mapping file"
        $script:State = Join-Path $script:Folder 'state.db'
        Disable-SyncMapping -Name Recorded -State $script:State -Confirm:$false | Out-Null
        Push-Location $script:Folder
    }

    AfterAll { Pop-Location }

    It 'offers the names in the current folder''s YAML files, skipping files that are not mappings' {
        Get-Completion 'Get-SyncRun -Mapping ' | Should -Be @('Accounts', 'Invoices')
        Get-Completion 'Enable-SyncMapping -Name In' | Should -Be @('Invoices')
    }

    It 'adds the names recorded in the state the command points at' {
        Get-Completion "Get-SyncError -State '$script:State' -Mapping " | Should -Be @('Accounts', 'Invoices', 'Recorded')
        Get-Completion 'Get-SyncConflict -State ./state.db -Mapping Rec' | Should -Be @('Recorded')
    }

    It 'creates no state file for a Tab' {
        Get-Completion 'Get-SyncImport -State ./absent.db -Mapping ' | Should -Be @('Accounts', 'Invoices')
        Test-Path (Join-Path $script:Folder 'absent.db') | Should -BeFalse
    }
}

Describe 'Completion of Start-SyncSandbox -Seed' {
    BeforeAll {
        $script:SeedFolder = Join-Path $TestDrive 'seeds'
        New-Item -ItemType Directory $script:SeedFolder | Out-Null
        Set-Content (Join-Path $script:SeedFolder 'mine.seed.json') '{}'
        Set-Content (Join-Path $script:SeedFolder 'notes.json') '{}'
        Push-Location $script:SeedFolder
    }

    AfterAll { Pop-Location }

    It 'offers the built-in seeds, then the seed files of the current folder' {
        Get-Completion 'Start-SyncSandbox -Seed ' | Should -Be @('./mine.seed.json', 'Demo', 'Empty', 'Standard')
        Get-Completion 'Start-SyncSandbox -Seed St' | Should -Be @('Standard')
    }
}
