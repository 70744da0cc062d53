# Issue 21: docs/connecting.md (and the README) name only cmdlets and parameters that exist, so an admin following
# them never meets "not recognized" or "A parameter cannot be found".
BeforeDiscovery {
    function Get-PageScript([string] $page) {
        # The PowerShell code blocks of a Markdown page, and the scripts under each "pwsh: |" of its YAML blocks.
        $lines = Get-Content (Join-Path $PSScriptRoot "../../$page")
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -notmatch '^\s*```(powershell|pwsh|yaml)\s*$') { continue }
            $language = $Matches[1]; $start = $i + 1
            $i++
            while ($i -lt $lines.Count -and $lines[$i] -notmatch '^\s*```\s*$') { $i++ }
            $body = $lines[$start..($i - 1)]
            if ($language -ne 'yaml') {
                @{ Page = $page; Line = $start + 1; Script = $body -join "`n" }
                continue
            }
            for ($j = 0; $j -lt $body.Count; $j++) {
                if ($body[$j] -notmatch '^(\s*)(- )?pwsh:\s*\|\s*$') { continue }
                $indent = $Matches[1].Length
                $script = @(); $k = $j + 1
                while ($k -lt $body.Count -and ($body[$k] -match '^\s*$' -or ($body[$k] -match '^(\s*)' -and $Matches[1].Length -gt $indent + 2))) {
                    $script += $body[$k]; $k++
                }
                @{ Page = $page; Line = $start + $j + 1; Script = $script -join "`n" }
            }
        }
    }

    $script:Blocks = @('docs/connecting.md', 'README.md' | ForEach-Object { Get-PageScript $_ })
}

BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    $script:Page = Get-Content (Join-Path $PSScriptRoot '../../docs/connecting.md') -Raw
}

AfterAll {
    Remove-Module SfHsSync -ErrorAction SilentlyContinue
}

Describe 'docs/connecting.md' {
    It 'has PowerShell to check (<_.Count> scripts)' -ForEach @(, $script:Blocks) {
        @($_ | Where-Object Page -EQ 'docs/connecting.md').Count | Should -BeGreaterThan 5
    }

    It 'the script at <Page> line <Line> parses, and every command and parameter in it exists' -ForEach $script:Blocks {
        $tokens = $null; $errors = $null
        $ast = [Management.Automation.Language.Parser]::ParseInput($Script, [ref] $tokens, [ref] $errors)
        $errors | Should -BeNullOrEmpty
        $commands = $ast.FindAll({ param($node) $node -is [Management.Automation.Language.CommandAst] }, $true)
        foreach ($command in $commands) {
            $name = $command.GetCommandName()
            $name | Should -Not -BeNullOrEmpty -Because "every command at line $Line is named"
            $info = Get-Command $name -ErrorAction SilentlyContinue
            $info | Should -Not -BeNullOrEmpty -Because "'$name' (line $Line) should exist"
            if ($info.CommandType -eq 'Alias') { $info = $info.ResolvedCommand }
            $known = @($info.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases })
            foreach ($parameter in $command.CommandElements | Where-Object { $_ -is [Management.Automation.Language.CommandParameterAst] }) {
                $known | Should -Contain $parameter.ParameterName -Because "$name -$($parameter.ParameterName) (line $Line) should be a parameter of $name"
            }
        }
    }

    It 'names only SfHsSync cmdlets that exist in its text as well' {
        $named = [regex]::Matches($script:Page, '`((?:Connect|Start|Stop|Test|New|Add|Set|Remove|Export|Import|Get|Enable|Disable|Copy)-(?:Sync|Field|Association|Salesforce|HubSpot)\w*)`') |
            ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
        $named.Count | Should -BeGreaterThan 3
        foreach ($name in $named) { Get-Command $name -Module SfHsSync -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty -Because "$name is named" }
    }

    It 'names only SFHSSYNC_* variables the module reads, and all of those it reads for a connection' {
        $source = Get-ChildItem (Join-Path $PSScriptRoot '../../src/SfHsSync.Engine') -Recurse -Filter '*.cs' | Get-Content -Raw
        $read = [regex]::Matches(($source -join "`n"), '"(SFHSSYNC_[A-Z_]+)"') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
        $documented = [regex]::Matches($script:Page, 'SFHSSYNC_[A-Z_]+') | ForEach-Object Value | Sort-Object -Unique
        $documented | Where-Object { $_ -notin $read } | Should -BeNullOrEmpty
        $read | Where-Object { $_ -match '^SFHSSYNC_(SF|HS)_' -and $_ -ne 'SFHSSYNC_HS_BASE_URL' -and $_ -notin $documented } | Should -BeNullOrEmpty
    }
}
