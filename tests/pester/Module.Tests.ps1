BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
}

AfterAll {
    Remove-Module SfHsSync -ErrorAction SilentlyContinue
}

Describe 'The built module' {
    It 'loads from its folder and exports exactly the cmdlets its manifest lists' {
        $module = Get-Module SfHsSync
        $module | Should -Not -BeNullOrEmpty
        $manifest = Import-PowerShellDataFile (Join-Path $script:ModulePath 'SfHsSync.psd1')
        $exported = @($module.ExportedCmdlets.Keys | Sort-Object)
        $exported | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        $module.ExportedFunctions.Count | Should -Be 0
    }

    It 'declares an output type on every cmdlet' {
        foreach ($name in (Get-Module SfHsSync).ExportedCmdlets.Keys) {
            (Get-Command $name).OutputType.Count | Should -BeGreaterThan 0 -Because "$name should declare [OutputType]"
        }
    }

    It 'supports ShouldProcess on every cmdlet that changes something' {
        $mutating = 'New', 'Add', 'Set', 'Remove', 'Export', 'Start', 'Stop', 'Enable', 'Disable', 'Copy'
        foreach ($cmd in (Get-Command -Module SfHsSync | Where-Object Verb -In $mutating)) {
            if ($cmd.Name -in 'New-SyncMapping', 'Add-FieldMapping', 'Add-AssociationMapping') { continue } # in-memory builders
            $cmd.Parameters.ContainsKey('WhatIf') | Should -BeTrue -Because "$($cmd.Name) changes state and should support -WhatIf"
        }
    }
}

Describe 'Start-SyncSandbox and Stop-SyncSandbox' {
    It 'starts both emulated services as their own process, makes the connections current, and stops them' {
        $sandbox = Start-SyncSandbox -Seed Demo
        try {
            $sandbox | Should -BeOfType 'SfHsSync.Engine.Sandbox.SyncSandbox'
            $sandbox.IsRunning | Should -BeTrue
            $sandbox.SalesforceUrl.Host | Should -Be '127.0.0.1'
            $sandbox.HubSpotUrl.Host | Should -Be '127.0.0.1'
            $sandbox.SalesforceUrl.Port | Should -Not -Be $sandbox.HubSpotUrl.Port
            $sandbox.Salesforce.AccessToken | Should -BeOfType [securestring]
            $sandbox.HubSpot.AccessToken | Should -BeOfType [securestring]
            Get-Process -Id $sandbox.ProcessId | Should -Not -BeNullOrEmpty
        }
        finally {
            $sandbox | Stop-SyncSandbox
        }
        $sandbox.IsRunning | Should -BeFalse
        { Get-Process -Id $sandbox.ProcessId -ErrorAction Stop } | Should -Throw
    }

    It 'never shows a token in its default output' {
        $sandbox = Start-SyncSandbox
        try {
            $text = $sandbox, $sandbox.Salesforce, $sandbox.HubSpot | Format-List * | Out-String
            $text | Should -Not -Match 'sandbox-(salesforce|hubspot)-token'
        }
        finally {
            $sandbox | Stop-SyncSandbox
        }
    }

    It 'refuses a seed file that does not exist with its own ErrorId' {
        { Start-SyncSandbox -Seed (Join-Path $TestDrive 'missing.json') -ErrorAction Stop } |
            Should -Throw -ErrorId 'SyncSandboxSeedNotFound,SfHsSync.Commands.StartSyncSandboxCommand'
    }

    It 'starts nothing under -WhatIf' {
        Start-SyncSandbox -WhatIf | Should -BeNullOrEmpty
    }
}
