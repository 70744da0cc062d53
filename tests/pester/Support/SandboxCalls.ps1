# Calls a test makes to the sandbox as the other app or an admin would (not through the module): HubSpot paths relative
# to the account's URL, Salesforce paths relative to services/data/v62.0/. The token is read from the sandbox's
# connection, never printed. Dot-source it inside BeforeAll after $script:Sandbox is set or before it is used.

function Invoke-HubSpot([string] $Path, [string] $Method = 'Get', $Body) {
    $token = [Net.NetworkCredential]::new('', $script:Sandbox.HubSpot.AccessToken).Password
    $request = @{ Uri = "$($script:Sandbox.HubSpotUrl)$Path"; Method = $Method; Headers = @{ Authorization = "Bearer $token" } }
    if ($Body) { $request.Body = $Body | ConvertTo-Json -Depth 5; $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}

function Invoke-Salesforce([string] $Path, [string] $Method = 'Get', $Body) {
    $token = [Net.NetworkCredential]::new('', $script:Sandbox.Salesforce.AccessToken).Password
    $request = @{ Uri = "$($script:Sandbox.SalesforceUrl)services/data/v62.0/$Path"; Method = $Method; Headers = @{ Authorization = "Bearer $token" } }
    if ($Body) { $request.Body = $Body | ConvertTo-Json -Depth 5; $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}
