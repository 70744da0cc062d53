# Values the other side refuses, for BadInput.Tests.ps1: a mapping of every kind of value (its own state), records
# made on one side with one bad value and one good twin, and the checks that the bad one failed alone, was kept with its
# code, field and value, was not linked or half-written, and is retried by the next pass.

. (Join-Path $PSScriptRoot 'SandboxCalls.ps1')

# Every value kind both ways: text, number, email, date, restricted picklist, multi-select.
function New-ValuesMapping {
    New-SyncMapping -Name InvoiceValues -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -CreateDirection TwoWay `
        -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
        Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
        Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount |
        Add-FieldMapping -SalesforceField Billing_Email__c -HubSpotProperty billing_email |
        Add-FieldMapping -SalesforceField Due_Date__c -HubSpotProperty due_date |
        Add-FieldMapping -SalesforceField Status__c -HubSpotProperty status |
        Add-FieldMapping -SalesforceField Channels__c -HubSpotProperty channels
}

# Adds options to a HubSpot enumeration property, as its admin would (the update replaces the list, so all are sent).
function Add-HubSpotOption([string] $Property, [string[]] $Value) {
    $current = Invoke-HubSpot "crm/v3/properties/2-1234567/$Property"
    $options = @($current.options | ForEach-Object { @{ label = $_.label; value = $_.value } }) + @($Value | ForEach-Object { @{ label = $_; value = $_ } })
    Invoke-HubSpot "crm/v3/properties/2-1234567/$Property" -Method Patch -Body @{ options = $options } | Out-Null
}

function Remove-HubSpotOption([string] $Property, [string[]] $Value) {
    $current = Invoke-HubSpot "crm/v3/properties/2-1234567/$Property"
    $options = @($current.options | Where-Object value -notin $Value | ForEach-Object { @{ label = $_.label; value = $_.value } })
    Invoke-HubSpot "crm/v3/properties/2-1234567/$Property" -Method Patch -Body @{ options = $options } | Out-Null
}

# A good record and its bad twin on the side named, REF-<tag>-OK and REF-<tag>-BAD, the bad one with $Bad's values.
function New-RefusalPair([string] $From, [string] $Tag, [hashtable] $Bad) {
    $pair = @{}
    foreach ($which in 'OK', 'BAD') {
        if ($From -eq 'HubSpot') {
            $properties = @{ invoice_number = "REF-$Tag-$which"; amount = '10'; billing_email = "ref-$($Tag.ToLower())@example.com"; due_date = '2026-01-15'; status = 'Sent'; channels = 'Email' }
            if ($which -eq 'BAD') { foreach ($k in $Bad.Keys) { $properties[$k] = $Bad[$k] } }
            $pair[$which] = (Invoke-HubSpot 'crm/v3/objects/2-1234567' -Method Post -Body @{ properties = $properties }).id
        }
        else {
            $fields = @{ Name = "REF-$Tag-$which"; Amount__c = 10; Billing_Email__c = "ref-$($Tag.ToLower())@example.com"; Due_Date__c = '2026-01-15'; Status__c = 'Sent'; Channels__c = 'Email' }
            if ($which -eq 'BAD') { foreach ($k in $Bad.Keys) { $fields[$k] = $Bad[$k] } }
            $pair[$which] = (Invoke-Salesforce 'sobjects/Invoice__c' -Method Post -Body $fields).id
        }
    }
    $pair
}

function Set-SourceRecord([string] $From, [string] $Id, [hashtable] $Values) {
    if ($From -eq 'HubSpot') { Invoke-HubSpot "crm/v3/objects/2-1234567/$Id" -Method Patch -Body @{ properties = $Values } | Out-Null }
    else { Invoke-Salesforce "sobjects/Invoice__c/$Id" -Method Patch -Body $Values | Out-Null }
}

# The records of the other side whose name starts REF-<tag>, as "name id".
function Get-TargetRecord([string] $From, [string] $Tag) {
    if ($From -eq 'HubSpot') {
        (Invoke-Salesforce "query?q=SELECT+Id,Name+FROM+Invoice__c+WHERE+Name+LIKE+'REF-$Tag-%25'+ORDER+BY+Name").records | ForEach-Object { "$($_.Name) $($_.Id)" }
    }
    else {
        $after = $null
        $found = do {
            $page = Invoke-HubSpot ("crm/v3/objects/2-1234567?limit=100&properties=invoice_number" + $(if ($after) { "&after=$after" } else { '' }))
            $page.results | Where-Object { "$($_.properties.invoice_number)" -like "REF-$Tag-*" } | ForEach-Object { "$($_.properties.invoice_number) $($_.id)" }
            $after = $page.paging.next.after
        } while ($after)
        $found | Sort-Object
    }
}

# The source record as it stands (values and modification stamp): a pass that half-wrote it would show.
function Get-SourceSnapshot([string] $From, [string] $Id) {
    if ($From -eq 'HubSpot') { Invoke-HubSpot "crm/v3/objects/2-1234567/${Id}?properties=invoice_number,amount,billing_email,due_date,status,channels,salesforce_id" | ConvertTo-Json -Depth 5 -Compress }
    else { Invoke-Salesforce "sobjects/Invoice__c/$Id" | ConvertTo-Json -Depth 5 -Compress }
}

# Runs the values mapping once: its results, and the errors it wrote (non-terminating), apart.
function Invoke-ValuesPass {
    $runErrors = $null
    $results = @(Start-Sync -Path $script:ValuesYaml -State $script:ValuesState -ErrorAction SilentlyContinue -ErrorVariable runErrors)
    @{ Results = $results; Errors = @($runErrors) }
}

function Get-OpenError([string] $Id) {
    @(Get-SyncError -State $script:ValuesState -Mapping InvoiceValues | Where-Object RecordId -eq $Id)
}

# One refused-value case from the table, asserted from end to end.
function Assert-RefusedValue {
    param([hashtable] $Refusal, [string] $Id, [string] $Category, [string] $Message)
    $from = $Refusal.From
    $tag = $Refusal.Tag
    if ($Refusal.Before) { & $Refusal.Before }
    $pair = New-RefusalPair -From $from -Tag $tag -Bad $Refusal.Bad
    if ($Refusal.After) { & $Refusal.After }
    $mark = Get-SandboxRequestMark -Sandbox $script:Sandbox
    $badBefore = Get-SourceSnapshot -From $from -Id $pair.BAD

    $pass = Invoke-ValuesPass
    $pass.Results.State | Should -Be 'CompletedWithErrors' -Because 'a run whose records failed is not a success'
    $raised = @($pass.Errors | Where-Object { $_.FullyQualifiedErrorId -like "$Id,*" })
    $raised | Should -HaveCount 1
    "$($raised[0].CategoryInfo.Category)" | Should -Be $Category
    $raised[0].Exception.Message | Should -Match $Message
    $errors = Get-OpenError $pair.BAD
    $errors | Should -HaveCount 1 -Because 'the refused record is kept with its reason'
    $errors[0].ErrorCode | Should -Be $Refusal.Code
    "$($errors[0].Category)" | Should -Be 'PropertyValue'
    $errors[0].Hint | Should -Match ([regex]::Escape($Refusal.Field))
    $errors[0].Hint | Should -Match ([regex]::Escape($Refusal.Value))
    Get-OpenError $pair.OK | Should -BeNullOrEmpty

    # The good twin went through and is linked; the bad one is neither on the other side, nor linked, nor half-written.
    $linkedBy = if ($from -eq 'HubSpot') { @{ HubSpotId = $pair.OK } } else { @{ SalesforceId = $pair.OK } }
    $good = @(Get-SyncRecord -State $script:ValuesState -Mapping InvoiceValues @linkedBy)
    $good | Should -HaveCount 1
    @(Get-TargetRecord -From $from -Tag $tag) -join '; ' | Should -Be "REF-$tag-OK $(if ($from -eq 'HubSpot') { $good[0].SalesforceId } else { $good[0].HubSpotId })"
    $badBy = if ($from -eq 'HubSpot') { @{ HubSpotId = $pair.BAD } } else { @{ SalesforceId = $pair.BAD } }
    Get-SyncRecord -State $script:ValuesState -Mapping InvoiceValues @badBy -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    Get-SourceSnapshot -From $from -Id $pair.BAD | Should -Be $badBefore
    (@(Get-SandboxWrite -Sandbox $script:Sandbox -Skip $mark) -join "`n") | Should -Be ($Refusal.Writes -join "`n")

    # The next pass retries it, and it fails again the same way; once the value is corrected it goes through.
    $mark = Get-SandboxRequestMark -Sandbox $script:Sandbox
    (Invoke-ValuesPass).Results.State | Should -Be 'CompletedWithErrors'
    $again = Get-OpenError $pair.BAD
    $again | Should -HaveCount 1
    $again[0].Attempts | Should -Be 2
    (@(Get-SandboxWrite -Sandbox $script:Sandbox -Skip $mark) -join "`n") | Should -Be ($Refusal.RetryWrites -join "`n")
    Set-SourceRecord -From $from -Id $pair.BAD -Values $Refusal.Fix
    (Invoke-ValuesPass).Results.State | Should -Be 'Succeeded'
    Get-OpenError $pair.BAD | Should -BeNullOrEmpty
    @(Get-SyncRecord -State $script:ValuesState -Mapping InvoiceValues @badBy) | Should -HaveCount 1
    @(Get-TargetRecord -From $from -Tag $tag) | Should -HaveCount 2
}
