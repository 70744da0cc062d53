BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
}

Describe 'State in a SQLite file' {
    It 'loads the native SQLite library from the module folder in a fresh pwsh' {
        # A child pwsh imports the module by path, as a user or an agent would: nothing in this test's process helps it.
        $state = Join-Path $TestDrive 'fresh.db'
        $pwsh = [Environment]::ProcessPath
        $pwshArgs = @()
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $pwshArgs += (Join-Path $PSHOME 'pwsh.dll') }
        $script = "Import-Module '$script:ModulePath'; @(Get-SyncRun -State '$state').Count; (Get-Item '$state').Length -gt 0"
        $output = & $pwsh @pwshArgs -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        $output | Should -Be @('0', 'True')
    }

    Context 'in this session' {
        BeforeAll {
            Import-Module $script:ModulePath -Force
        }

        It 'creates the state file where -State points and reports empty history' {
            $state = Join-Path $TestDrive 'nested/state.db'
            Get-SyncRun -State $state | Should -BeNullOrEmpty
            Get-SyncError -State $state | Should -BeNullOrEmpty
            Get-SyncConflict -State $state | Should -BeNullOrEmpty
            Test-Path $state | Should -BeTrue
        }

        It 'refuses a -State shaped like a URI with a scheme no store knows, naming the known ones, and creates nothing' {
            Push-Location $TestDrive
            try {
                { Get-SyncRun -State 'mysql://localhost/db' } | Should -Throw -ErrorId 'SyncStateLocationInvalid,SfHsSync.Commands.GetSyncRunCommand'
                $e = $null; try { Get-SyncRun -State 'mysql://localhost/db' } catch { $e = $_ }
                $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
                $e.Exception.Message | Should -Match "scheme 'mysql'.*postgresql:// or postgres://"
                Test-Path (Join-Path $TestDrive 'mysql:') | Should -BeFalse
                Test-Path 'mysql:' | Should -BeFalse
            }
            finally { Pop-Location }
        }

        It 'resolves a relative -State and SFHSSYNC_STATE against PowerShell''s location, not the process''s working folder' {
            $here = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'here') -Force
            Push-Location $here
            $saved = [Environment]::CurrentDirectory
            [Environment]::CurrentDirectory = [IO.Path]::GetTempPath()
            try {
                Get-SyncRun -State 'relative.db' | Should -BeNullOrEmpty
                Test-Path (Join-Path $here 'relative.db') | Should -BeTrue
                $env:SFHSSYNC_STATE = 'from-env-relative.db'
                Get-SyncRun | Should -BeNullOrEmpty
                Test-Path (Join-Path $here 'from-env-relative.db') | Should -BeTrue
                Test-Path (Join-Path ([IO.Path]::GetTempPath()) 'from-env-relative.db') | Should -BeFalse
            }
            finally {
                Remove-Item Env:SFHSSYNC_STATE -ErrorAction SilentlyContinue
                [Environment]::CurrentDirectory = $saved
                Pop-Location
            }
        }

        It 'falls back to SFHSSYNC_STATE when -State is not given' {
            $state = Join-Path $TestDrive 'from-env.db'
            $env:SFHSSYNC_STATE = $state
            try {
                Get-SyncRun | Should -BeNullOrEmpty
                Test-Path $state | Should -BeTrue
            }
            finally {
                Remove-Item Env:SFHSSYNC_STATE
            }
        }

        It 'refuses a file that is not a state database, naming it' {
            $bad = Join-Path $TestDrive 'not-a-db.db'
            Set-Content $bad ('x' * 4096)
            { Get-SyncRun -State $bad -ErrorAction Stop } |
                Should -Throw -ErrorId 'SyncStateOpenFailed,SfHsSync.Commands.GetSyncRunCommand'
        }
    }
}

Describe 'State in PostgreSQL' {
    BeforeAll {
        Import-Module $script:ModulePath -Force
        $script:Admin = $env:SFHSSYNC_TEST_POSTGRES
        if (-not $script:Admin) { throw 'SFHSSYNC_TEST_POSTGRES is not set: ./build.ps1 Test starts a server; or point it at one.' }
        Add-Type -Path (Join-Path $script:ModulePath 'Dependencies/Npgsql.dll')
        $script:Database = 'sfhs_pester_' + [guid]::NewGuid().ToString('N')
        $connection = [Npgsql.NpgsqlConnection]::new($script:Admin)
        $connection.Open()
        $command = $connection.CreateCommand()
        $command.CommandText = "CREATE DATABASE `"$script:Database`""
        [void] $command.ExecuteNonQuery()
        $connection.Dispose()
        $builder = [Npgsql.NpgsqlConnectionStringBuilder]::new($script:Admin)
        $builder.Database = $script:Database
        $script:State = $builder.ConnectionString
        $script:Uri = "postgresql://$($builder.Username):not-the-real-password@$($builder.Host):$($builder.Port)/$($script:Database)"
    }

    It 'opens and migrates a PostgreSQL state from a connection string' {
        Get-SyncRun -State $script:State | Should -BeNullOrEmpty
        Get-SyncError -State $script:State | Should -BeNullOrEmpty
    }

    It 'takes a postgresql:// URI and never shows its password in verbose output or errors' {
        $verbose = Get-SyncRun -State $script:Uri -Verbose 4>&1 | Out-String
        $verbose | Should -Not -Match 'not-the-real-password'
        $verbose | Should -Match ([regex]::Escape('***@'))

        $bad = "postgresql://nobody:hunter2-secret@127.0.0.1:1/none"
        $err = $null
        try { Get-SyncRun -State $bad -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'SyncStateOpenFailed,SfHsSync.Commands.GetSyncRunCommand'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match 'hunter2-secret'
    }
}
