#requires -Version 7.4
<#
.SYNOPSIS
    Writes the sandbox's Standard seed (src/SfHsSync.Sandbox/Seeds/Standard.seed.json): every standard object
    HubSpot's custom object sync supports, plus Account, Contact, Lead, Opportunity, Case and User, described as a
    real org describes them, with records for a representative set and the HubSpot custom objects to map them to.
.DESCRIPTION
    A one-off generator kept with the repository; its output is committed, so builds and CI need neither this
    script nor the OpenAPI document. Run it again when the inputs change.
    Where each fact comes from:
      - fields (name, JSON type, description), the audit fields an object has and OwnerId: the Salesforce-generated
        sObjects OpenAPI document (-OpenApiPath, API v59.0 of one org). Its descriptions give "Required." fields,
        read-only fields ("read-only", "calculated", "system-generated"), create-only ones ("can't be changed
        after...") and text limits ("Limit is 80 characters"); "...Id" text fields naming an object are lookups.
        The org's own custom fields (__c) and compound fields (address, location) are left out; the createable
        representative objects get a HubSpot_Id__c External ID field, as an admin adds for creates from HubSpot.
      - createable, updateable, deletable: whether the document gives the object POST /sobjects/X, PATCH and
        DELETE /sobjects/X/{id} (the org's describe decided those paths);
      - replicateable: true for objects with IsDeleted (getDeleted reads the recycle bin), except those
        build/standard-seed/objects.json lists from the Object Reference's supported calls;
      - key prefixes, labels, picklist values, name fields, auto-numbers, create-only lookups of the representative
        objects, and the two objects the document lacks (AccountContactRelation, OpportunitySplit):
        build/standard-seed/objects.json, each object naming its source in the seed's $comment;
      - records and the HubSpot half: build/standard-seed/records.json and hubspot.json.
.EXAMPLE
    dotnet pwsh ./build/New-StandardSeed.ps1
.EXAMPLE
    dotnet pwsh ./build/New-StandardSeed.ps1 -OpenApiPath ../shared/specs/salesforce/salesforce-sobjects.oas.json -OutPath ./Standard.seed.json
#>
[CmdletBinding()]
param(
    # The sObjects OpenAPI document (../shared/specs/salesforce/salesforce-sobjects.oas.json beside the repository).
    [string] $OpenApiPath = (Join-Path $PSScriptRoot '..' '..' 'shared' 'specs' 'salesforce' 'salesforce-sobjects.oas.json'),

    # The list of supported standard objects (docs/supported-objects.md).
    [string] $ListPath = (Join-Path $PSScriptRoot '..' 'docs' 'supported-objects.md'),

    # The folder of objects.json, records.json and hubspot.json.
    [string] $InputPath = (Join-Path $PSScriptRoot 'standard-seed'),

    # Where the seed is written.
    [string] $OutPath = (Join-Path $PSScriptRoot '..' 'src' 'SfHsSync.Sandbox' 'Seeds' 'Standard.seed.json')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$AuditFields = @('IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp')
$CommonObjects = @('Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'User')
$SelfParent = @('Account', 'Campaign', 'Asset', 'Case')
$Base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
$SuffixAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'

function Get-SupportedObject([string] $Path) {
    # The list's bullet lines hold only backticked names: "- `Asset`, `AssetRelationship`, ...".
    Get-Content -LiteralPath $Path | Where-Object { $_.Trim() -match '^- `[A-Za-z0-9]+`(, `[A-Za-z0-9]+`)*$' } |
        ForEach-Object { [regex]::Matches($_, '`([A-Za-z0-9]+)`') | ForEach-Object { $_.Groups[1].Value } }
}

function New-SalesforceId([string] $KeyPrefix, [long] $Sequence) {
    # As the sandbox numbers records (SalesforceId.Create): prefix, "5g0", a base-62 counter, the case-safe suffix.
    $body = [char[]]($KeyPrefix + '5g0' + ('0' * 9))
    $n = $Sequence
    for ($i = 14; $i -ge 6; $i--) { $body[$i] = $Base62[[int]($n % 62)]; $n = [math]::Floor($n / 62) }
    $suffix = ''
    for ($chunk = 0; $chunk -lt 3; $chunk++) {
        $bits = 0
        for ($i = 0; $i -lt 5; $i++) { if ([char]::IsAsciiLetterUpper($body[$chunk * 5 + $i])) { $bits = $bits -bor (1 -shl $i) } }
        $suffix += $SuffixAlphabet[$bits]
    }
    (-join $body) + $suffix
}

function Split-Words([string] $Name) {
    ($Name -creplace '([a-z0-9])([A-Z])', '$1 $2' -creplace '([A-Z])([A-Z][a-z])', '$1 $2').Trim()
}

function Get-Plural([string] $Label) {
    if ($Label -match '(s|x|ch|sh)$') { return "${Label}es" }
    if ($Label -match '[^aeiou]y$') { return $Label.Substring(0, $Label.Length - 1) + 'ies' }
    "${Label}s"
}

function Get-Member([object] $Object, [string] $Name) {
    if ($null -eq $Object) { return $null }
    $p = $Object.PSObject.Properties[$Name]
    if ($p) { $p.Value } else { $null }
}

function ConvertTo-SeedField([string] $Object, [string] $Name, [object] $Property, [hashtable] $Known) {
    $description = [string](Get-Member $Property 'description')
    $field = [ordered]@{ name = $Name; label = (Split-Words $Name) -replace ' Id$', ' ID' }
    $type = switch ("$($Property.type)/$(Get-Member $Property 'format')") {
        'boolean/' { 'boolean' } 'integer/' { 'int' } 'number/' { 'double' } 'string/date' { 'date' } 'string/date-time' { 'datetime' } default { 'string' }
    }
    $length = $null
    if ($type -eq 'string') {
        $stripped = $Name -replace 'Id$', ''
        if ($Name -match '.Id$' -and ($Known.ContainsKey($stripped) -or ($Name -eq 'ParentId' -and $Object -in $SelfParent))) {
            $type = 'reference'
            $field.referenceTo = if ($Name -eq 'ParentId') { $Object } else { $stripped }
            $field.relationshipName = $stripped
        } elseif ($Name -match '.Id$') { $length = 18 }
        elseif ($Name -match 'Email$') { $type = 'email' }
        elseif ($Name -match '(Phone|Fax)$') { $type = 'phone' }
        elseif ($Name -match '(Website|Url)$') { $type = 'url' }
        if ($description -match '(?i)(?:limit(?: is)?|up to|maximum (?:size|length) (?:is |of )?)\s*([\d,]+)\s*characters|([\d,]+)[- ]character limit') {
            $length = [int](($Matches[1] + $Matches[2]) -replace ',', '')
        }
        if ($length -gt 255 -and $type -eq 'string') { $type = 'textarea' }
    }
    $field.type = $type
    if ($null -ne $length -and $type -ne 'reference') { $field.length = $length }
    if ($type -eq 'double') { $field.precision = 18; $field.scale = if ($Name -match 'Latitude|Longitude') { 15 } else { 2 } }
    if ($description -match '(?i)\bread[- ]only\b|\bis calculated\b|system[- ]generated|automatically (?:set|generated|populated|calculated)' -or
        $Name -in @('LastViewedDate', 'LastReferencedDate', 'LastActivityDate')) { $field.readOnly = $true }
    elseif ($description -match "(?i)can(?:'|no)t be (?:changed|updated|modified) (?:after|once|when updating)|set (?:only )?on create") { $field.createOnly = $true }
    if ($description -match '^(?i)required\b' -and $type -ne 'boolean') { $field.required = $true }
    if ($Name -eq 'Name') { $field.nameField = $true }
    $field
}

function Merge-Field([System.Collections.Specialized.OrderedDictionary] $Field, [object] $Override) {
    foreach ($p in $Override.PSObject.Properties) {
        if ($p.Value -is [bool] -and -not $p.Value -and $p.Name -ne 'drop') { $Field.Remove($p.Name) } else { $Field[$p.Name] = $p.Value }
    }
    if ($Field.Contains('autoNumberFormat')) { 'readOnly', 'required', 'createOnly', 'length' | ForEach-Object { $Field.Remove($_) } }
    if ($Field.Contains('readOnly')) { $Field.Remove('required'); $Field.Remove('createOnly') }
    if ($Field.type -in @('reference', 'boolean', 'date', 'datetime', 'int', 'double', 'currency', 'percent', 'picklist', 'multipicklist')) { $Field.Remove('length') }
    if ($Field.type -ne 'double' -and $Field.type -notin @('currency', 'percent')) { $Field.Remove('precision'); $Field.Remove('scale') }
    if ($Field.type -ne 'reference') { $Field.Remove('referenceTo'); $Field.Remove('relationshipName') }
    if ($Field.type -eq 'boolean') { $Field.Remove('required') }
}

function New-SeedObject([string] $Name, [hashtable] $Known, [object] $Knowledge, [hashtable] $Paths, [string] $KeyPrefix) {
    $curated = Get-Member $Knowledge.objects $Name
    $props = $Known[$Name]
    $fields = [System.Collections.Generic.List[object]]::new()
    if ($props) {
        foreach ($p in $props.PSObject.Properties) {
            if ($p.Name -in $AuditFields -or $p.Name -in @('Id', 'OwnerId', 'attributes') -or $p.Name -like '*__c' -or $p.Value.type -eq 'object') { continue }
            $fields.Add((ConvertTo-SeedField $Name $p.Name $p.Value $Known))
        }
        $system = @($AuditFields | Where-Object { $props.PSObject.Properties[$_] })
        $hasOwner = [bool]$props.PSObject.Properties['OwnerId']
        $createable = [bool](Get-Member $Paths["/sobjects/$Name"] 'post')
        $updateable = [bool](Get-Member $Paths["/sobjects/$Name/{id}"] 'patch')
        $deletable = [bool](Get-Member $Paths["/sobjects/$Name/{id}"] 'delete')
    } else {
        foreach ($f in $curated.fieldList) { $field = [ordered]@{}; Merge-Field $field $f; $fields.Add($field) }
        $system = @($curated.systemFields)
        $hasOwner = [bool]$curated.hasOwner
        $createable = [bool]$curated.flags.createable; $updateable = [bool]$curated.flags.updateable; $deletable = [bool]$curated.flags.deletable
    }

    $overrides = Get-Member $curated 'fields'
    foreach ($f in $fields) {
        $o = Get-Member $overrides $f.name
        if ($o) { Merge-Field $f $o }
    }
    if ($overrides -and @($overrides.PSObject.Properties | Where-Object { $_.Name -ne 'Name' -and (Get-Member $_.Value 'nameField') -eq $true })) {
        foreach ($f in $fields) { if ($f.name -eq 'Name' -and -not (Get-Member (Get-Member $overrides 'Name') 'nameField')) { $f.Remove('nameField') } }
    }
    $fields = @($fields | Where-Object { -not $_.Contains('drop') })
    if ($Name -in $Knowledge.hubSpotIdField.objects) {
        $extra = [ordered]@{}
        Merge-Field $extra $Knowledge.hubSpotIdField.field
        $fields += $extra
    }

    $notes = @()
    $replicateable = 'IsDeleted' -in $system
    if ($r = Get-Member $Knowledge.notReplicateable $Name) { $replicateable = $false; $notes += "not replicateable: $r" }
    if ($r = Get-Member $Knowledge.replicateable $Name) { $replicateable = $true; $notes += "replicateable: $r" }
    $labels = Get-Member $Knowledge.labels $Name
    if (-not $labels) { $labels = Get-Member $curated 'label' }
    $label = if ($labels) { $labels[0] } else { Split-Words $Name }
    $plural = if ($labels) { $labels[1] } else { Get-Plural $label }
    $source = if ($curated) { $curated.source } else { $Knowledge.defaults.source }
    if (-not (Get-Member $Knowledge.keyPrefixes $Name)) { $notes += "keyPrefix $KeyPrefix is the sandbox's own (the real prefix was not at hand)" }

    [ordered]@{
        '$comment'    = (@($source) + $notes) -join '; '
        name          = $Name
        label         = $label
        labelPlural   = $plural
        keyPrefix     = $KeyPrefix
        custom        = $false
        hasOwner      = $hasOwner
        queryable     = $true
        replicateable = $replicateable
        retrieveable  = $true
        searchable    = $createable -or $updateable
        createable    = $createable
        updateable    = $updateable
        deletable     = $deletable
        undeletable   = $deletable -and 'IsDeleted' -in $system
        triggerable   = $createable -and $deletable
        systemFields  = $system
        fields        = $fields
    }
}

function Resolve-Reference([object] $Value, [hashtable] $Ids) {
    if ($Value -is [string] -and $Value.StartsWith('@')) {
        if (-not $Ids.ContainsKey($Value.Substring(1))) { throw "records.json points at '$Value', which no record names with @id (or it comes later)." }
        return $Ids[$Value.Substring(1)]
    }
    $Value
}

$oas = Get-Content -LiteralPath $OpenApiPath -Raw | ConvertFrom-Json
$knowledge = Get-Content -LiteralPath (Join-Path $InputPath 'objects.json') -Raw | ConvertFrom-Json
$records = Get-Content -LiteralPath (Join-Path $InputPath 'records.json') -Raw | ConvertFrom-Json
$hubspot = Get-Content -LiteralPath (Join-Path $InputPath 'hubspot.json') -Raw | ConvertFrom-Json

$known = @{}
foreach ($s in $oas.components.schemas.PSObject.Properties) {
    if ($s.Name -like '*SObject') { $known[$s.Name.Substring(0, $s.Name.Length - 'SObject'.Length)] = $s.Value.properties }
}
$paths = @{}
foreach ($p in $oas.paths.PSObject.Properties) { $paths[$p.Name] = $p.Value }

$supported = @(Get-SupportedObject $ListPath)
if ($supported.Count -ne 123) { throw "$ListPath lists $($supported.Count) objects; 123 expected." }
$withRecords = @($records.salesforce.PSObject.Properties.Name)
$names = @($withRecords) + @(($supported + $CommonObjects) | Where-Object { $_ -notin $withRecords } | Sort-Object -Unique)
$missing = @($names | Where-Object { -not $known.ContainsKey($_) -and -not (Get-Member $knowledge.objects $_) })
if ($missing) { throw "Neither the OpenAPI document nor objects.json describes: $($missing -join ', ')." }

$prefixes = @{}
foreach ($p in $knowledge.keyPrefixes.PSObject.Properties) { if ($p.Name -ne '$comment') { $prefixes[$p.Name] = $p.Value } }
$next = 0
$objects = foreach ($name in $names) {
    if (-not $prefixes.ContainsKey($name)) {
        do { $candidate = 'x' + $Base62[[math]::Floor($next / 62)] + $Base62[$next % 62]; $next++ } while ($prefixes.Values -contains $candidate)
        $prefixes[$name] = $candidate
    }
    New-SeedObject $name $known $knowledge $paths $prefixes[$name]
}

# Records: each object's get the Ids the sandbox would give them in load order, then "@name" values become those Ids.
$ids = @{}
foreach ($obj in $objects) {
    $list = Get-Member $records.salesforce $obj.name
    if (-not $list) { continue }
    $seq = 0
    $obj.records = @(foreach ($r in $list) {
        $seq++
        $id = New-SalesforceId $obj.keyPrefix $seq
        if ($tag = Get-Member $r '@id') { $ids[$tag] = $id }
        $out = [ordered]@{ Id = $id }
        foreach ($p in $r.PSObject.Properties) { if ($p.Name -ne '@id') { $out[$p.Name] = Resolve-Reference $p.Value $ids } }
        $out
    })
}
foreach ($type in $hubspot.records.PSObject.Properties) {
    foreach ($r in $type.Value) { foreach ($p in $r.PSObject.Properties) { $p.Value = Resolve-Reference $p.Value $ids } }
}

$seed = [ordered]@{
    '$schema'     = './sandbox-seed.schema.json'
    '$comment'    = 'Written by build/New-StandardSeed.ps1 (do not edit by hand): every standard object HubSpot''s custom object sync supports (docs/supported-objects.md) and Account, Contact, Lead, Opportunity, Case, User, described from the sObjects OpenAPI document and build/standard-seed/objects.json; records for Campaign, CampaignMember, Product2, Order, OrderItem, Asset, Contract, WorkOrder, CaseComment, RecordType, Note, EmailMessage, LeadStatus and what they point at.'
    formatVersion = 1
    description   = 'Standard: the supported standard objects, described as a real org describes them.'
    salesforce    = [ordered]@{ '$comment' = 'Objects with records come first, in the order their lookups need.'; objects = @($objects) }
    hubspot       = $hubspot
}
$json = $seed | ConvertTo-Json -Depth 32
[System.IO.File]::WriteAllText([System.IO.Path]::GetFullPath($OutPath), $json + "`n")
Write-Host "Wrote $OutPath ($($objects.Count) objects, $(@($objects | Where-Object { $_.Contains('records') }).Count) with records)."
