BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    $script:DemoSeed = Get-Content (Join-Path $PSScriptRoot '../../src/SfHsSync.Sandbox/Seeds/Demo.seed.json') -Raw | ConvertFrom-Json -Depth 20

    # The invoices mapping of the README with the account association, which syncs cleanly on the Demo.
    function New-InvoiceMapping {
        New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -CreateDirection TwoWay `
                -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
            Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount |
            Add-FieldMapping -SalesforceField Due_Date__c -HubSpotProperty due_date |
            Add-AssociationMapping -SalesforceField Account__c -HubSpotObject companies -TargetIdProperty salesforceaccountid -Direction TwoWay
    }

    # A mapping with problems of several kinds, so that Test-SyncMapping has diagnostics to compare.
    function New-FlawedMapping {
        New-SyncMapping -Name Flawed -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping -SalesforceField Notes__c -HubSpotProperty invoice_number |
            Add-FieldMapping -SalesforceField Total_With_Tax__c -HubSpotProperty amount -Direction TwoWay |
            Add-FieldMapping -SalesforceField Status__c -HubSpotProperty channels |
            Add-FieldMapping -SalesforceField Missing__c -HubSpotProperty amount_due
    }

    # What a world says about the two mappings: the diagnostics, one sync pass, and the HubSpot invoices it leaves.
    function Measure-World([string] $Seed, [string] $Name) {
        $sandbox = Start-SyncSandbox -Seed $Seed
        try {
            $diagnostics = @(New-FlawedMapping | Test-SyncMapping) + @(New-InvoiceMapping | Test-SyncMapping) |
                ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.Severity, $_.RuleId, $_.Mapping, $_.Target, $_.Message }
            $file = Join-Path $TestDrive "$Name.sync.yml"
            New-InvoiceMapping | Export-SyncMapping -Path $file
            $run = Start-Sync -Path $file -State (Join-Path $TestDrive "$Name.db") -SalesforceCommitLag 0 -HubSpotSearchLag 0
            $token = [Net.NetworkCredential]::new('', $sandbox.HubSpot.AccessToken).Password
            $invoices = (Invoke-RestMethod -Uri "$($sandbox.HubSpotUrl)crm/v3/objects/2-1234567?limit=100&properties=invoice_number,amount,status,due_date,salesforce_id" `
                    -Headers @{ Authorization = "Bearer $token" }).results |
                ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.properties.salesforce_id, $_.properties.invoice_number, $_.properties.amount, $_.properties.status, $_.properties.due_date } |
                Sort-Object
            [pscustomobject] @{
                Diagnostics = $diagnostics
                Run = $run | Select-Object Mapping, State, CreatedInHubSpot, UpdatedInHubSpot, ArchivedInHubSpot, CreatedInSalesforce, UpdatedInSalesforce,
                    DeletedInSalesforce, Conflicts, Failed, SalesforceApiCalls, HubSpotApiCalls, @{ n = 'AssociationsCreated'; e = { $_.Associations.Created } } |
                    ConvertTo-Json -Compress
                Invoices = $invoices
            }
        }
        finally {
            $sandbox | Stop-SyncSandbox
        }
    }
}

AfterAll {
    Get-Module SfHsSync | Remove-Module
}

Describe 'Export-SyncSandboxSeed round trip' {
    BeforeAll {
        $script:Exported = Join-Path $TestDrive 'demo.seed.json'
        $sandbox = Start-SyncSandbox -Seed Demo
        try {
            # The objects come from the mapping piped in: Invoice__c and p12345678_invoices, and the association's Account and companies.
            $script:Export = New-InvoiceMapping | Export-SyncSandboxSeed -Path $script:Exported -SampleRecords 100
            $script:Tokens = @($sandbox.Salesforce.AccessToken, $sandbox.HubSpot.AccessToken) | ForEach-Object { [Net.NetworkCredential]::new('', $_).Password }
            $script:Urls = @($sandbox.SalesforceUrl, $sandbox.HubSpotUrl) | ForEach-Object { $_.Authority }
        }
        finally {
            $sandbox | Stop-SyncSandbox
        }

        $script:Demo = Measure-World -Seed Demo -Name demo
        $script:Copy = Measure-World -Seed $script:Exported -Name copy
    }

    It 'exports the objects the mapping names and the targets of its association, with every record' {
        $script:Export.SalesforceObjects | Should -Be @('Account', 'Invoice__c')
        $script:Export.HubSpotObjects | Should -Be @('invoices', 'companies')
        $script:Export.SalesforceRecords | Should -Be 45
        $script:Export.HubSpotRecords | Should -Be 5
        # Salesforce: the lookup's object, then Account, described once each (the client caches), one query each.
        $script:Export.SalesforceApiCalls | Should -Be 4
        # HubSpot: the invoices schema, the companies properties, one list each, the labels between them (no invoice to read links of).
        $script:Export.HubSpotApiCalls | Should -Be 5
    }

    It 'writes nothing with -WhatIf, and replaces a file only with -Force' {
        $other = Join-Path $TestDrive 'other.seed.json'
        Export-SyncSandboxSeed -Path $other -HubSpotObject companies -WhatIf | Should -BeNullOrEmpty
        Test-Path $other | Should -BeFalse
        { Export-SyncSandboxSeed -Path $script:Exported -HubSpotObject companies } | Should -Throw -ErrorId 'SyncSandboxSeedExists,*'
        { Export-SyncSandboxSeed -Path $other } | Should -Throw -ErrorId 'SyncSandboxSeedNothingToExport,*'
    }

    It 'gives the same Test-SyncMapping diagnostics on the copy as on the Demo' {
        $script:Demo.Diagnostics.Count | Should -BeGreaterThan 3
        $script:Copy.Diagnostics | Should -Be $script:Demo.Diagnostics
    }

    It 'gives the same Start-Sync results on the copy as on the Demo' {
        $script:Demo.Run | Should -Match '"CreatedInHubSpot":40'
        $script:Copy.Run | Should -Be $script:Demo.Run
        $script:Demo.Invoices.Count | Should -Be 40
        $script:Copy.Invoices | Should -Be $script:Demo.Invoices
    }

    It 'carries no token, URL or user id of the connections' {
        $text = Get-Content $script:Exported -Raw
        foreach ($secret in $script:Tokens + $script:Urls) { $text | Should -Not -BeLike "*$secret*" }
        $text | Should -Not -Match '"(OwnerId|CreatedById|LastModifiedById)"'
        $text | Should -Not -BeLike '*0055g00000SfHsSAAV*'
    }

    It 'validates against the seed schema (a second export from the copy is the same file)' {
        $again = Join-Path $TestDrive 'again.seed.json'
        $sandbox = Start-SyncSandbox -Seed $script:Exported
        try { New-InvoiceMapping | Export-SyncSandboxSeed -Path $again -SampleRecords 100 | Out-Null }
        finally { $sandbox | Stop-SyncSandbox }
        Get-Content $again -Raw | Should -Be (Get-Content $script:Exported -Raw)
    }
}

Describe 'Export-SyncSandboxSeed -Mask' {
    BeforeAll {
        $script:Masked = Join-Path $TestDrive 'masked.seed.json'
        $sandbox = Start-SyncSandbox -Seed Demo
        try {
            Export-SyncSandboxSeed -Path $script:Masked -SalesforceObject Account, Contact, Invoice__c -HubSpotObject companies, contacts, invoices -SampleRecords 50 `
                -Mask Email, Phone, Account.Legacy_Id__c, Billing_Email__c | Out-Null
        }
        finally {
            $sandbox | Stop-SyncSandbox
        }

        $objects = $script:DemoSeed.salesforce.objects
        $script:Originals = @(
            ($objects | Where-Object name -eq Account).records | ForEach-Object { $_.Phone; $_.Legacy_Id__c }
            ($objects | Where-Object name -eq Contact).records | ForEach-Object Email
            ($objects | Where-Object name -eq Invoice__c).records | ForEach-Object Billing_Email__c
            $script:DemoSeed.hubspot.records.contacts | ForEach-Object email
        ) | Where-Object { $_ } | Sort-Object -Unique
        $script:Seed = Get-Content $script:Masked -Raw | ConvertFrom-Json -Depth 20
    }

    It 'leaves no original value of a masked field anywhere in the seed file' {
        $script:Originals.Count | Should -BeGreaterThan 15
        $text = Get-Content $script:Masked -Raw
        foreach ($original in $script:Originals) { $text.Contains($original) | Should -BeFalse -Because "'$original' is a masked value" }
    }

    It 'puts generated values of the same kind in their place, and keeps the rest' {
        $contacts = ($script:Seed.salesforce.objects | Where-Object name -eq Contact).records
        $contacts.Count | Should -Be 6
        $contacts | ForEach-Object { $_.Email | Should -Match '^[^@\s]+@[^@\s]+\.[a-z]+$' }
        ($contacts | Where-Object LastName -eq Lovelace).FirstName | Should -Be 'Ada'
        (($script:Seed.salesforce.objects | Where-Object name -eq Account).records | Where-Object Name -eq 'Acme Corporation').Phone | Should -Match '^\+1 555 \d{3} \d{4}$'
    }

    It 'gives one original the same fake on both sides, so the records still match' {
        $sf = (($script:Seed.salesforce.objects | Where-Object name -eq Contact).records | Where-Object LastName -eq Hopper).Email
        $hs = ($script:Seed.hubspot.records.contacts | Where-Object lastname -eq Hopper).email
        $hs | Should -Be $sf
    }

    It 'keeps lookups and associations inside the sample, and the seed starts a sandbox' {
        $accounts = ($script:Seed.salesforce.objects | Where-Object name -eq Account).records.Id
        (($script:Seed.salesforce.objects | Where-Object name -eq Contact).records | Where-Object { $_.AccountId -and $_.AccountId -notin $accounts }) | Should -BeNullOrEmpty
        $script:Seed.hubspot.associations.Count | Should -Be 3
        $sandbox = Start-SyncSandbox -Seed $script:Masked
        $sandbox | Stop-SyncSandbox
    }
}

Describe 'Start-SyncSandbox -Seed with a bad seed' {
    It 'names the first problem with its JSON path, as SyncSandboxSeedInvalid' {
        $bad = Join-Path $TestDrive 'bad.seed.json'
        $seed = Get-Content (Join-Path $PSScriptRoot '../../src/SfHsSync.Sandbox/Seeds/Demo.seed.json') -Raw | ConvertFrom-Json -Depth 20
        $seed.salesforce.objects[1].fields[3].type = 'emial'
        $seed | ConvertTo-Json -Depth 20 | Set-Content $bad
        $err = { Start-SyncSandbox -Seed $bad } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'SyncSandboxSeedInvalid,*'
        $err.Exception.Message.Contains('at $.salesforce.objects[1].fields[3].type: enum') | Should -BeTrue -Because $err.Exception.Message
        $err.Exception.Message | Should -BeLike '*(it is "emial")*'
    }

    It 'names a refused record, as SyncSandboxSeedInvalid' {
        $bad = Join-Path $TestDrive 'refused.seed.json'
        Set-Content $bad '{ "formatVersion": 1, "hubspot": { "records": { "companies": [ { "no_such_property": "x" } ] } } }'
        $err = { Start-SyncSandbox -Seed $bad } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'SyncSandboxSeedInvalid,*'
        $err.Exception.Message | Should -BeLike '*records.companies`[0`]*'
    }
}

Describe 'Start-SyncSandbox -Seed Standard' {
    BeforeAll {
        $script:Standard = Start-SyncSandbox -Seed Standard
        $token = ConvertFrom-SecureString $script:Standard.Salesforce.AccessToken -AsPlainText
        $script:SfHeaders = @{ Authorization = "Bearer $token" }
        $script:SfBase = "$($script:Standard.SalesforceUrl)services/data/v62.0"
        $hsToken = ConvertFrom-SecureString $script:Standard.HubSpot.AccessToken -AsPlainText
        $script:HsHeaders = @{ Authorization = "Bearer $hsToken" }

        # Salesforce's answer to a call, error bodies included (Invoke-RestMethod throws on 4xx).
        function Invoke-Salesforce([string] $Method, [string] $Path, [object] $Body) {
            $arguments = @{ Method = $Method; Uri = "$script:SfBase/$Path"; Headers = $script:SfHeaders; SkipHttpErrorCheck = $true; StatusCodeVariable = 'status' }
            if ($Body) { $arguments.Body = $Body | ConvertTo-Json -Compress; $arguments.ContentType = 'application/json' }
            $answer = Invoke-RestMethod @arguments
            [pscustomobject] @{ Status = $status; Body = $answer }
        }

        function Get-HubSpotRecord([string] $ObjectType) {
            (Invoke-RestMethod -Uri "$($script:Standard.HubSpotUrl)crm/v3/objects/${ObjectType}?limit=100&properties=salesforce_id" -Headers $script:HsHeaders).results
        }
    }

    AfterAll {
        $script:Standard | Stop-SyncSandbox
    }

    It 'describes every object on docs/supported-objects.md and the common standard objects' {
        $listed = Get-Content (Join-Path $PSScriptRoot '../../docs/supported-objects.md') |
            Where-Object { $_.Trim() -match '^- `[A-Za-z0-9]+`(, `[A-Za-z0-9]+`)*$' } |
            ForEach-Object { [regex]::Matches($_, '`([A-Za-z0-9]+)`') | ForEach-Object { $_.Groups[1].Value } }
        $listed.Count | Should -Be 123
        $described = (Invoke-Salesforce GET sobjects).Body.sobjects.name
        $expected = @($listed) + 'Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'User', 'Organization'
        Compare-Object ($expected | Sort-Object) ($described | Sort-Object) | Should -BeNullOrEmpty
        $campaignMember = (Invoke-Salesforce GET sobjects/CampaignMember/describe).Body
        $campaignMember.replicateable | Should -BeTrue
        ($campaignMember.fields | Where-Object name -EQ CampaignId).updateable | Should -BeFalse
        $leadStatus = (Invoke-Salesforce GET sobjects/LeadStatus/describe).Body
        $leadStatus.createable, $leadStatus.updateable, $leadStatus.deletable, $leadStatus.replicateable | Should -Be @($false, $false, $false, $false)
    }

    It 'holds queryable records of the representative objects' {
        foreach ($name in 'Campaign', 'CampaignMember', 'Product2', 'Order', 'OrderItem', 'Asset', 'Contract', 'WorkOrder', 'CaseComment', 'RecordType', 'Note', 'EmailMessage', 'LeadStatus') {
            $answer = Invoke-Salesforce GET "query?q=$([uri]::EscapeDataString("SELECT Id FROM $name"))"
            $answer.Status | Should -Be 200 -Because $name
            $answer.Body.totalSize | Should -BeGreaterOrEqual 3 -Because $name
            $answer.Body.totalSize | Should -BeLessOrEqual 20 -Because $name
        }
    }

    It 'refuses to delete a record type, and shows a removed campaign member in getDeleted and queryAll' {
        $recordType = (Invoke-Salesforce GET "query?q=$([uri]::EscapeDataString('SELECT Id FROM RecordType LIMIT 1'))").Body.records[0].Id
        $refused = Invoke-Salesforce DELETE "sobjects/RecordType/$recordType"
        $refused.Status | Should -Be 400
        $refused.Body[0].errorCode | Should -Be 'INVALID_TYPE_FOR_OPERATION'

        $start = [DateTimeOffset]::UtcNow.AddMinutes(-2).ToString('yyyy-MM-ddTHH:mm:00Z')
        $member = (Invoke-Salesforce GET "query?q=$([uri]::EscapeDataString('SELECT Id FROM CampaignMember ORDER BY Id LIMIT 1'))").Body.records[0].Id
        (Invoke-Salesforce DELETE "sobjects/CampaignMember/$member").Status | Should -Be 204
        $end = [DateTimeOffset]::UtcNow.AddMinutes(2).ToString('yyyy-MM-ddTHH:mm:00Z')
        (Invoke-Salesforce GET "sobjects/CampaignMember/deleted/?start=$start&end=$end").Body.deletedRecords.id | Should -Be $member
        $all = Invoke-Salesforce GET "queryAll?q=$([uri]::EscapeDataString("SELECT Id, IsDeleted FROM CampaignMember WHERE Id = '$member'"))"
        $all.Body.records[0].IsDeleted | Should -BeTrue
    }

    It 'syncs the example mappings of Product2 and CampaignMember into their HubSpot custom objects' {
        $examples = Join-Path $PSScriptRoot '../../docs/examples/standard'
        $state = Join-Path $TestDrive 'standard.db'
        foreach ($file in 'products.sync.yml', 'campaign-members.sync.yml') {
            $diagnostics = @(Test-SyncMapping -Path (Join-Path $examples $file) | Where-Object Severity -EQ Error)
            $diagnostics | Should -BeNullOrEmpty -Because $file
            $run = Start-Sync -Path (Join-Path $examples $file) -State $state -SalesforceCommitLag 0 -HubSpotSearchLag 0
            $run.Failed | Should -Be 0 -Because $file
        }
        @(Get-HubSpotRecord p12345678_sf_products).Count | Should -Be 5
        # One member was removed in the test before; the seven left were created in HubSpot.
        @(Get-HubSpotRecord p12345678_sf_campaign_members).Count | Should -Be 7
    }
}
