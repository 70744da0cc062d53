BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    $script:Variables = 'SFHSSYNC_SF_INSTANCE_URL', 'SFHSSYNC_SF_ACCESS_TOKEN', 'SFHSSYNC_SF_CLIENT_ID', 'SFHSSYNC_SF_USERNAME',
        'SFHSSYNC_SF_PRIVATE_KEY_PATH', 'SFHSSYNC_SF_PRIVATE_KEY_PASSWORD', 'SFHSSYNC_SF_CLIENT_SECRET', 'SFHSSYNC_SF_LOGIN_URL'
    $script:Saved = @{}
    foreach ($name in $script:Variables) { $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name) }

    # A connected app whose certificate is a key made for this run: the sandbox verifies JWTs with its public half.
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) "sfhssync-pester-sf-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $script:Folder | Out-Null
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $script:KeyPath = Join-Path $script:Folder 'server.key'
    Set-Content -Path $script:KeyPath -Value $rsa.ExportPkcs8PrivateKeyPem() -NoNewline
    $other = [System.Security.Cryptography.RSA]::Create(2048)
    $script:OtherKeyPath = Join-Path $script:Folder 'other.key'
    Set-Content -Path $script:OtherKeyPath -Value $other.ExportPkcs8PrivateKeyPem() -NoNewline
    $optionsPath = Join-Path $script:Folder 'options.json'
    @{ salesforce = @{
            consumerKey      = 'pester-consumer-key'
            consumerSecret   = 'pester-consumer-secret-Kq4'
            jwtPublicKeyPem  = $rsa.ExportSubjectPublicKeyInfoPem()
            allowedUsernames = @('integration@sfhssync.sandbox')
        }
    } | ConvertTo-Json -Depth 4 | Set-Content -Path $optionsPath
    $script:Sandbox = Start-SyncSandbox -Seed Demo -OptionsPath $optionsPath
}

AfterAll {
    foreach ($name in $script:Variables) { [Environment]::SetEnvironmentVariable($name, $script:Saved[$name]) }
    $script:Sandbox | Stop-SyncSandbox
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Module SfHsSync -ErrorAction SilentlyContinue
}

Describe 'Connect-Salesforce' {
    BeforeEach {
        foreach ($name in $script:Variables) { [Environment]::SetEnvironmentVariable($name, $null) }
    }

    It 'checks an access token against the org and makes the connection current' {
        $connection = Connect-Salesforce -InstanceUrl $script:Sandbox.SalesforceUrl -AccessToken $script:Sandbox.Salesforce.AccessToken
        $connection | Should -BeOfType 'SfHsSync.Engine.Connections.SalesforceConnection'
        $connection.AuthMethod | Should -Be 'AccessToken'
        $connection.InstanceUrl | Should -Be $script:Sandbox.SalesforceUrl
        $connection.AuthenticatedAt | Should -Not -BeNullOrEmpty
        [SfHsSync.Commands.SessionConnections]::Salesforce | Should -Be $connection
    }

    It 'signs in with the JWT bearer flow and learns the org and user' {
        $connection = Connect-Salesforce -ClientId 'pester-consumer-key' -Username 'integration@sfhssync.sandbox' -PrivateKeyPath $script:KeyPath -LoginUrl $script:Sandbox.SalesforceUrl
        $connection.AuthMethod | Should -Be 'JwtBearer'
        $connection.OrganizationId | Should -Match '^00D'
        $connection.AccessToken | Should -BeOfType 'System.Security.SecureString'
    }

    It 'fails at once when the key is not the one the connected app holds' {
        $err = $null
        try { Connect-Salesforce -ClientId 'pester-consumer-key' -Username 'integration@sfhssync.sandbox' -PrivateKeyPath $script:OtherKeyPath -LoginUrl $script:Sandbox.SalesforceUrl -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'SalesforceAuthenticationFailed,SfHsSync.Commands.ConnectSalesforceCommand'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match 'invalid_grant'
    }

    It 'names a private key file that does not exist' {
        $missing = Join-Path $script:Folder 'nope.key'
        $err = $null
        try { Connect-Salesforce -ClientId 'pester-consumer-key' -Username 'integration@sfhssync.sandbox' -PrivateKeyPath $missing -LoginUrl $script:Sandbox.SalesforceUrl -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'SalesforcePrivateKeyNotFound,SfHsSync.Commands.ConnectSalesforceCommand'
        $err.Exception.Message | Should -Match ([regex]::Escape($missing))
    }

    It 'uses client credentials on the My Domain URL and never shows a wrong secret' {
        $good = ConvertTo-SecureString 'pester-consumer-secret-Kq4' -AsPlainText -Force
        (Connect-Salesforce -LoginUrl $script:Sandbox.SalesforceUrl -ClientId 'pester-consumer-key' -ClientSecret $good).AuthMethod | Should -Be 'ClientCredentials'

        $bad = ConvertTo-SecureString 'not-the-secret-Yw2' -AsPlainText -Force
        $err = $null
        try { Connect-Salesforce -LoginUrl $script:Sandbox.SalesforceUrl -ClientId 'pester-consumer-key' -ClientSecret $bad -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'SalesforceAuthenticationFailed,SfHsSync.Commands.ConnectSalesforceCommand'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match 'not-the-secret-Yw2'
    }

    It 'fails at once on a bad access token, with an ErrorRecord that never shows the token' {
        $bad = ConvertTo-SecureString '00Dfake!token.Pv8' -AsPlainText -Force
        $err = $null
        try { Connect-Salesforce -InstanceUrl $script:Sandbox.SalesforceUrl -AccessToken $bad -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'SalesforceSessionExpired,SfHsSync.Commands.ConnectSalesforceCommand'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match 'Pv8'
    }

    It 'reads the SFHSSYNC_SF_* variables when given no parameters' {
        $env:SFHSSYNC_SF_CLIENT_ID = 'pester-consumer-key'
        $env:SFHSSYNC_SF_USERNAME = 'integration@sfhssync.sandbox'
        $env:SFHSSYNC_SF_PRIVATE_KEY_PATH = $script:KeyPath
        $env:SFHSSYNC_SF_LOGIN_URL = $script:Sandbox.SalesforceUrl.ToString()
        (Connect-Salesforce).AuthMethod | Should -Be 'JwtBearer'

        foreach ($name in $script:Variables) { [Environment]::SetEnvironmentVariable($name, $null) }
        $env:SFHSSYNC_SF_INSTANCE_URL = $script:Sandbox.SalesforceUrl.ToString()
        $env:SFHSSYNC_SF_ACCESS_TOKEN = 'sandbox-salesforce-token'
        (Connect-Salesforce).AuthMethod | Should -Be 'AccessToken'
    }

    It 'says how to connect when nothing describes a connection' {
        $err = $null
        try { Connect-Salesforce -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'SalesforceConnectionMissing,SfHsSync.Commands.ConnectSalesforceCommand'
        $err.Exception.Message | Should -Match 'SFHSSYNC_SF_ACCESS_TOKEN'
    }

    It 'never shows the token in its output' {
        $connection = Connect-Salesforce -InstanceUrl $script:Sandbox.SalesforceUrl -AccessToken $script:Sandbox.Salesforce.AccessToken
        ($connection | Format-List * | Out-String) + $connection.ToString() | Should -Not -Match 'sandbox-salesforce-token'
    }
}
