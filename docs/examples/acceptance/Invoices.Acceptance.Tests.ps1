# An acceptance test of the kind a user keeps beside their mapping: it runs the mapping against their own seed
# (exported once from their org and account with Export-SyncSandboxSeed and committed), offline, in a sandbox.
# Run it with Invoke-Pester; ./build.ps1 Test runs it in this repository's CI.
BeforeAll {
    # In a user's repository: Import-Module SfHsSync. Here the module under test is the one just built.
    Import-Module ($env:SFHSSYNC_MODULE_PATH ?? (Join-Path $PSScriptRoot '../../../out/SfHsSync')) -Force

    $script:Sandbox = Start-SyncSandbox -Seed (Join-Path $PSScriptRoot 'invoices.seed.json')
    $script:Mapping = Join-Path $PSScriptRoot 'invoices.sync.yml'
    $script:State = Join-Path $TestDrive 'state.db'

    function Invoke-Salesforce([string] $Path, [string] $Method = 'Get', $Body) {
        $token = [Net.NetworkCredential]::new('', $script:Sandbox.Salesforce.AccessToken).Password
        $request = @{ Uri = "$($script:Sandbox.SalesforceUrl)services/data/v62.0/$Path"; Method = $Method; Headers = @{ Authorization = "Bearer $token" } }
        if ($Body) { $request.Body = $Body | ConvertTo-Json; $request.ContentType = 'application/json' }
        Invoke-RestMethod @request
    }

    function Get-HubSpotInvoice([string] $SalesforceId) {
        $token = [Net.NetworkCredential]::new('', $script:Sandbox.HubSpot.AccessToken).Password
        Invoke-RestMethod -Uri "$($script:Sandbox.HubSpotUrl)crm/v3/objects/p12345678_invoices/$($SalesforceId)?idProperty=salesforce_id&properties=invoice_number,amount,billing_email" `
            -Headers @{ Authorization = "Bearer $token" }
    }
}

AfterAll {
    $script:Sandbox | Stop-SyncSandbox
}

Describe 'The invoices mapping on our own org and account' {
    It 'passes every rule against our schema' {
        $errors = Test-SyncMapping -Path $script:Mapping | Where-Object IsError
        $errors | Should -BeNullOrEmpty
    }

    It 'brings our sampled invoices to HubSpot with their companies' {
        $run = Start-Sync -Path $script:Mapping -State $script:State
        $run.Failed | Should -Be 0
        $run.CreatedInHubSpot | Should -Be 10
        $run.Associations.Created | Should -Be 10
    }

    It 'carries an amount changed in Salesforce on the next pass, and nothing else' {
        $invoice = (Invoke-Salesforce "query?q=SELECT+Id,Amount__c+FROM+Invoice__c+ORDER+BY+Id+LIMIT+1").records[0]
        Invoke-Salesforce "sobjects/Invoice__c/$($invoice.Id)" -Method Patch -Body @{ Amount__c = 4321.5 } | Out-Null
        $run = Start-Sync -Path $script:Mapping -State $script:State -SalesforceCommitLag 0
        $run.UpdatedInHubSpot | Should -Be 1
        $run.CreatedInHubSpot | Should -Be 0
        (Get-HubSpotInvoice $invoice.Id).properties.amount | Should -Be '4321.5'
    }
}
