BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    $script:Sandbox = Start-SyncSandbox -Seed Demo
    $script:SavedToken = $env:SFHSSYNC_HS_ACCESS_TOKEN
    $script:SavedUrl = $env:SFHSSYNC_HS_BASE_URL
}

AfterAll {
    $env:SFHSSYNC_HS_ACCESS_TOKEN = $script:SavedToken
    $env:SFHSSYNC_HS_BASE_URL = $script:SavedUrl
    $script:Sandbox | Stop-SyncSandbox
    Remove-Module SfHsSync -ErrorAction SilentlyContinue
}

Describe 'Connect-HubSpot' {
    BeforeEach {
        Remove-Item Env:SFHSSYNC_HS_ACCESS_TOKEN, Env:SFHSSYNC_HS_BASE_URL -ErrorAction SilentlyContinue
    }

    It 'checks a private app token against the account and returns the connection with its portal' {
        $connection = Connect-HubSpot -AccessToken $script:Sandbox.HubSpot.AccessToken -BaseUrl $script:Sandbox.HubSpotUrl
        $connection | Should -BeOfType 'SfHsSync.Engine.Connections.HubSpotConnection'
        $connection.BaseUrl | Should -Be $script:Sandbox.HubSpotUrl
        $connection.PortalId | Should -Be 12345678
    }

    It 'reads SFHSSYNC_HS_ACCESS_TOKEN and SFHSSYNC_HS_BASE_URL when given no parameters' {
        $env:SFHSSYNC_HS_ACCESS_TOKEN = 'sandbox-hubspot-token'
        $env:SFHSSYNC_HS_BASE_URL = $script:Sandbox.HubSpotUrl.ToString()
        $connection = Connect-HubSpot
        $connection.BaseUrl | Should -Be $script:Sandbox.HubSpotUrl
        $connection.PortalId | Should -Be 12345678
    }

    It 'fails at once on a bad token, with an ErrorRecord that never shows the token' {
        $bad = ConvertTo-SecureString 'pat-na1-not-a-real-token-42' -AsPlainText -Force
        $err = $null
        try { Connect-HubSpot -AccessToken $bad -BaseUrl $script:Sandbox.HubSpotUrl -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'HubSpotAuthenticationFailed,SfHsSync.Commands.ConnectHubSpotCommand'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match 'pat-na1-not-a-real-token-42'
    }

    It 'says how to connect when there is neither a token nor the environment variable' {
        $err = $null
        try { Connect-HubSpot -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'HubSpotAccessTokenMissing,SfHsSync.Commands.ConnectHubSpotCommand'
        $err.Exception.Message | Should -Match 'SFHSSYNC_HS_ACCESS_TOKEN'
    }

    It 'refuses a base URL that is not http(s), naming the parameter' {
        $err = $null
        try { Connect-HubSpot -AccessToken $script:Sandbox.HubSpot.AccessToken -BaseUrl 'ftp://example.com/' -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'HubSpotBaseUrlInvalid,SfHsSync.Commands.ConnectHubSpotCommand'
        $err.Exception.Message | Should -Match '-BaseUrl'
    }

    It 'never shows the token in its output' {
        $connection = Connect-HubSpot -AccessToken $script:Sandbox.HubSpot.AccessToken -BaseUrl $script:Sandbox.HubSpotUrl
        ($connection | Format-List * | Out-String) + $connection.ToString() | Should -Not -Match 'sandbox-hubspot-token'
    }
}
