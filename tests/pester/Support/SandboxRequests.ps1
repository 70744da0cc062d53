# The sandbox's request logs, read from Pester: GET /__sandbox/requests on each half (the sandbox's own token), and which
# of their calls wrote data. Reads that are POSTs are not writes: HubSpot's searches, batch reads and token information,
# Salesforce's sign-in, SObject Collections retrieve (POST composite/sobjects/{type}) and Bulk query jobs.

# Every call both halves answered so far, oldest first: Service, Method, Path (HubSpot's route template, Salesforce's path
# from its version on), Status and IsWrite.
function Get-SandboxRequest {
    param([Parameter(Mandatory)] $Sandbox)
    $sfToken = [Net.NetworkCredential]::new('', $Sandbox.Salesforce.AccessToken).Password
    $hsToken = [Net.NetworkCredential]::new('', $Sandbox.HubSpot.AccessToken).Password
    # Invoke-RestMethod writes a JSON array as one object: it is enumerated from a variable.
    $salesforce = Invoke-RestMethod -Uri "$($Sandbox.SalesforceUrl)__sandbox/requests" -Headers @{ Authorization = "Bearer $sfToken" }
    $hubSpot = Invoke-RestMethod -Uri "$($Sandbox.HubSpotUrl)__sandbox/requests" -Headers @{ Authorization = "Bearer $hsToken" }
    foreach ($entry in $salesforce) {
        $path = $entry.path -replace '^/services/data/v\d+\.\d+/', ''
        [pscustomobject]@{ Service = 'Salesforce'; Method = $entry.method; Path = $path; Status = $entry.status; IsWrite = (Test-SalesforceWrite $entry.method $entry.path) }
    }
    foreach ($entry in $hubSpot) {
        [pscustomobject]@{ Service = 'HubSpot'; Method = $entry.method; Path = $entry.pathTemplate; Status = $entry.statusCode; IsWrite = (Test-HubSpotWrite $entry.method $entry.pathTemplate) }
    }
}

function Test-SalesforceWrite([string] $Method, [string] $Path) {
    if ($Method -in 'GET', 'HEAD' -or $Path -notmatch '^/services/data/') { return $false }
    $rest = $Path -replace '^/services/data/v\d+\.\d+', ''
    if ($Method -eq 'POST' -and $rest -match '^/composite/sobjects/[^/]+$') { return $false }  # retrieve by ids
    if ($rest -match '^/jobs/query(/|$)') { return $false }                                      # a Bulk query job
    return $true
}

function Test-HubSpotWrite([string] $Method, [string] $Template) {
    if ($Method -in 'GET', 'HEAD' -or -not $Template) { return $false }
    if ($Template -like '/oauth/*' -or $Template -like '*/search' -or $Template -like '*/batch/read') { return $false }
    return $true
}

# The writes among the calls answered after the first $Skip of each service: "Service METHOD path (status)".
function Get-SandboxWrite {
    param([Parameter(Mandatory)] $Sandbox, [hashtable] $Skip = @{ Salesforce = 0; HubSpot = 0 })
    $all = @(Get-SandboxRequest -Sandbox $Sandbox)
    foreach ($service in 'Salesforce', 'HubSpot') {
        @($all | Where-Object Service -eq $service) | Select-Object -Skip $Skip[$service] | Where-Object IsWrite |
            ForEach-Object { "$($_.Service) $($_.Method) $($_.Path)" }
    }
}

# How many calls each half has answered: the mark Get-SandboxWrite -Skip starts after.
function Get-SandboxRequestMark {
    param([Parameter(Mandatory)] $Sandbox)
    $all = @(Get-SandboxRequest -Sandbox $Sandbox)
    @{ Salesforce = @($all | Where-Object Service -eq 'Salesforce').Count; HubSpot = @($all | Where-Object Service -eq 'HubSpot').Count }
}
