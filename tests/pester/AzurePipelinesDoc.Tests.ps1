# docs/azure-pipelines.md: its pipeline is YAML that parses, has what the page promises (a nightly schedule, the JWT key
# as a secure file, a variable group, PostgreSQL state, a job per mapping, the report as an artifact, JUnit results),
# and every cmdlet and parameter its PowerShell steps use exists.

BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    $doc = Get-Content (Join-Path $PSScriptRoot '../../docs/azure-pipelines.md') -Raw
    $script:Yaml = [regex]::Match($doc, '```yaml\r?\n(.*?)```', 'Singleline').Groups[1].Value

    # YamlDotNet ships with the module (the mapping files are YAML too); loaded here by path, wherever the module keeps it.
    $yamlDotNet = Get-ChildItem $script:ModulePath -Recurse -Filter 'YamlDotNet.dll' | Select-Object -First 1
    $null = [Reflection.Assembly]::LoadFrom($yamlDotNet.FullName)
    $stream = [YamlDotNet.RepresentationModel.YamlStream]::new()
    $stream.Load([IO.StringReader]::new($script:Yaml))
    $script:Pipeline = $stream.Documents[0].RootNode

    # A node by keys and indexes. Returned whole (','): a YAML node is enumerable, and PowerShell would unroll it.
    function Get-Node($Node, [string[]] $Path) {
        foreach ($key in $Path) {
            if ($null -eq $Node) { return $null }
            if ($key -match '^\d+$') { $Node = $Node.Children[[int] $key] }
            else { $Node = ($Node.Children.GetEnumerator() | Where-Object { $_.Key.Value -eq $key } | Select-Object -First 1).Value }
        }
        , $Node
    }

    function Get-Text($Node, [string[]] $Path) { (Get-Node $Node $Path).Value }

    # Pipeline macros ($(name)) are replaced before the script runs; here by a plain word, so the rest parses as PowerShell.
    function Get-StepProblems([string] $Script) {
        $code = [regex]::Replace($Script, '\$\(([A-Za-z_][\w.]*)\)', 'macro')
        $tokens = $null; $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $tokens, [ref] $errors)
        foreach ($e in $errors) { "does not parse: $($e.Message)" }
        foreach ($call in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $call.GetCommandName()
            if (-not $name -or $name -notmatch '^\w+-\w+$') { continue }   # dotnet and other programs
            $command = Get-Command $name -ErrorAction SilentlyContinue
            if (-not $command) { "no command $name"; continue }
            foreach ($parameter in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                $matching = @($command.Parameters.Values | Where-Object { $_.Name -like "$($parameter.ParameterName)*" -or ($_.Aliases -contains $parameter.ParameterName) })
                if ($matching.Count -ne 1 -and -not ($matching.Name -contains $parameter.ParameterName)) { "$name has no parameter -$($parameter.ParameterName)" }
            }
        }
    }

    $script:Steps = @((Get-Node $script:Pipeline 'jobs', '0', 'steps').Children)
    $script:Scripts = @($script:Steps | ForEach-Object { Get-Text $_ 'pwsh' } | Where-Object { $_ })
}

AfterAll {
    Get-Module SfHsSync | Remove-Module
}

Describe 'The pipeline in docs/azure-pipelines.md' {
    It 'runs nightly on a schedule, not on pushes' {
        Get-Text $script:Pipeline 'schedules', '0', 'cron' | Should -Be '0 2 * * *'
        Get-Text $script:Pipeline 'trigger' | Should -Be 'none'
    }

    It 'takes the JWT key from a secure file and the secrets from a variable group' {
        $download = $script:Steps | Where-Object { (Get-Text $_ 'task') -eq 'DownloadSecureFile@1' }
        Get-Text $download 'inputs', 'secureFile' | Should -Be 'sfhssync-jwt.key'
        $keyName = Get-Text $download 'name'
        $script:Yaml | Should -Match ([regex]::Escape('$(' + $keyName + '.secureFilePath)'))
        Get-Text $script:Pipeline 'variables', '0', 'group' | Should -Not -BeNullOrEmpty
        $script:Yaml | Should -Match 'HS_ACCESS_TOKEN: \$\(HubSpotToken\)'
        $script:Yaml | Should -Match 'SFHSSYNC_STATE: \$\(SyncStateConnectionString\)'
    }

    It 'runs one job per mapping in a matrix' {
        $matrix = Get-Node $script:Pipeline 'jobs', '0', 'strategy', 'matrix'
        $matrix.Children.Count | Should -BeGreaterOrEqual 2
        foreach ($entry in $matrix.Children.Values) { Get-Text $entry 'mappingFile' | Should -Match '^\w+$' }
        $script:Scripts -join "`n" | Should -Match 'mappings/\$\(mappingFile\)\.sync\.yml'
    }

    It 'publishes the failed records as JUnit results and the report as an artifact' {
        $tests = $script:Steps | Where-Object { (Get-Text $_ 'task') -eq 'PublishTestResults@2' }
        Get-Text $tests 'inputs', 'testResultsFormat' | Should -Be 'JUnit'
        $artifact = $script:Steps | Where-Object { (Get-Text $_ 'task') -eq 'PublishPipelineArtifact@1' }
        Get-Text $artifact 'inputs', 'targetPath' | Should -Be '$(Build.ArtifactStagingDirectory)/report'
        $script:Scripts -join "`n" | Should -Match '(?s)Export-SyncReport .*-Path "\$\(Build\.ArtifactStagingDirectory\)/report/'
    }

    It 'uses only cmdlets and parameters that exist' {
        $script:Scripts.Count | Should -BeGreaterOrEqual 3
        $used = $script:Scripts | ForEach-Object {
            [System.Management.Automation.Language.Parser]::ParseInput(([regex]::Replace($_, '\$\(([A-Za-z_][\w.]*)\)', 'macro')), [ref] $null, [ref] $null).
                FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() }
        }
        foreach ($cmdlet in 'Connect-Salesforce', 'Connect-HubSpot', 'Test-SyncMapping', 'Start-Sync', 'Export-SyncReport') { $used | Should -Contain $cmdlet }
        foreach ($step in $script:Scripts) { Get-StepProblems $step | Should -BeNullOrEmpty }
    }

    It 'would name a cmdlet or parameter that does not exist' {
        Get-StepProblems 'Start-Sync -State x -MaxFailedRecord 5 -Nope 1 | Export-SyncRepor -Path $(x)' |
            Should -Be @('Start-Sync has no parameter -Nope', 'no command Export-SyncRepor')
    }
}
