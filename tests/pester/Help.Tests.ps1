# Get-Help for every cmdlet the built module exports, as PSScriptAnalyzer's help test has it: a cmdlet added without
# help, examples or parameter text fails here. The help itself is written by build/New-CmdletHelp.ps1 at build time.

BeforeDiscovery {
    $modulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    $cmdletCases = @((Import-Module $modulePath -Force -PassThru).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    $script:HelpSource = Join-Path $PSScriptRoot '../../docs/help'
    $script:Generator = Join-Path $PSScriptRoot '../../build/New-CmdletHelp.ps1'
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters

    function Get-MarkdownParameters([string] $path) {
        # The '### -Name' headings under '## Parameters' of a docs/help file.
        $inParameters = $false
        foreach ($line in Get-Content $path) {
            if ($line -match '^## (.+?)\s*$') { $inParameters = $Matches[1] -eq 'Parameters'; continue }
            if ($inParameters -and $line -match '^### -(\w+)') { $Matches[1] }
        }
    }

    function Invoke-Generator([string] $source, [string] $output) {
        # A fresh pwsh, as the build runs it: run as a dotnet tool, this process is the dotnet host running pwsh.dll.
        $hostPath = [Environment]::ProcessPath
        $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $text = & $hostPath @prefix -NoProfile -NonInteractive -File $script:Generator -ModulePath $script:ModulePath -SourcePath $source -OutputPath $output 2>&1 |
            Out-String
        [pscustomobject] @{ ExitCode = $LASTEXITCODE; Text = $text }
    }
}

AfterAll {
    Remove-Module SfHsSync -ErrorAction SilentlyContinue
}

Describe 'Get-Help <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command $Name
        $help = Get-Help $Name -Full
        $parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $script:Common })
    }

    It 'has a synopsis of its own, not the generated syntax line' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without a help file, PowerShell's synopsis is the syntax: the command name followed by its parameters.
        $help.Synopsis.Trim() | Should -Not -Match "^$([regex]::Escape($Name))(\s|$)"
    }

    It 'has a description' {
        (@($help.description | ForEach-Object Text) -join ' ').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code that runs the cmdlet' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Match "(^|[\s|(;])$([regex]::Escape($Name))(\s|$)" -Because "$($example.title.Trim(' -')) should show $Name at work"
        }
    }

    It 'describes every parameter' {
        foreach ($parameter in $parameters) {
            $entry = @($help.parameters.parameter | Where-Object name -EQ $parameter)
            $entry.Count | Should -Be 1 -Because "-$parameter should appear once in the help of $Name"
            (@($entry[0].description | ForEach-Object Text) -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs a description"
        }
    }

    It 'describes no parameter the cmdlet lacks' {
        foreach ($entry in @($help.parameters.parameter | Where-Object { $_ })) {
            $entry.name | Should -BeIn $parameters -Because "the help of $Name describes -$($entry.name)"
        }
    }

    It 'describes every output type it declares' {
        $returns = @($help.returnValues.returnValue | Where-Object { $_ })
        foreach ($output in $command.OutputType) {
            $name = if ($output.Type) { $output.Type.FullName } else { $output.Name }
            $entry = @($returns | Where-Object { $_.type.name -eq $name })
            $entry.Count | Should -Be 1 -Because "$Name declares [OutputType($name)]"
            (@($entry[0].description | ForEach-Object Text) -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "the help of $Name should say what a $name output holds (## Outputs in docs/help/$Name.md)"
        }
    }

    It 'shows one syntax line for each parameter set' {
        @($help.syntax.syntaxItem | Where-Object { $_ }).Count | Should -Be $command.ParameterSets.Count
    }

    It 'has its docs/help source, naming only parameters it has' {
        $source = Join-Path $script:HelpSource "$Name.md"
        $source | Should -Exist
        foreach ($parameter in @(Get-MarkdownParameters $source)) {
            $parameter | Should -BeIn $parameters -Because "docs/help/$Name.md describes -$parameter"
        }
    }
}

Describe 'The help sources' {
    It 'has a docs/help file only for cmdlets the module exports' {
        $exported = @((Get-Module SfHsSync).ExportedCmdlets.Keys)
        foreach ($file in Get-ChildItem $script:HelpSource -Filter '*-*.md') {
            $file.BaseName | Should -BeIn $exported -Because "docs/help/$($file.Name) should document an exported cmdlet"
        }
    }

    It 'gives Get-Help about_SfHsSync, covering the concepts a user needs' {
        $text = Get-Help about_SfHsSync | Out-String
        $text | Should -Match 'about_SfHsSync'
        foreach ($heading in 'MAPPINGS', 'DIRECTIONS', 'CONFLICT WINNER', 'CREATE AND DELETE RULES', 'LINK KEYS', 'STATE',
            'LEASES', 'THE SANDBOX', 'CONNECTIONS AND ENVIRONMENT VARIABLES', 'ERROR IDS') {
            $text | Should -Match "(?m)^$heading\s*$" -Because "about_SfHsSync should explain $heading"
        }
        foreach ($variable in 'SFHSSYNC_SF_ACCESS_TOKEN', 'SFHSSYNC_SF_PRIVATE_KEY_PATH', 'SFHSSYNC_HS_ACCESS_TOKEN', 'SFHSSYNC_STATE') {
            $text | Should -Match $variable
        }
    }
}

Describe 'build/New-CmdletHelp.ps1' {
    BeforeAll {
        $original = Get-Content (Join-Path $script:HelpSource 'New-SyncMapping.md')
    }

    It 'takes parameter text and defaults from docs/help over the doc comments, and the rest from the doc comments' {
        $source = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'override')
        $output = Join-Path $TestDrive 'override-out'
        $original + '' + '## Inputs' + '' + '### SfHsSync.Engine.Mapping.SyncMapping' + 'Nothing is piped whole; this replaces no generated text.' |
            ForEach-Object { $_ -replace '^### -ConflictWinner$', "### -ConflictWinner`nThe side that wins, as this test says.`nDefault value: HubSpot" } |
            Set-Content (Join-Path $source 'New-SyncMapping.md')

        $run = Invoke-Generator $source $output
        $run.ExitCode | Should -Be 0 -Because $run.Text
        # Only New-SyncMapping has a source here, so every other cmdlet is reported as lacking one.
        $run.Text | Should -Match 'Start-Sync has no docs/help/Start-Sync.md'

        [xml] $maml = Get-Content (Join-Path $output 'SfHsSync.dll-Help.xml') -Raw
        $ns = [Xml.XmlNamespaceManager]::new($maml.NameTable)
        $ns.AddNamespace('msh', 'http://msh')
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        $maml.SelectNodes('/msh:helpItems/command:command', $ns).Count | Should -Be (Get-Module SfHsSync).ExportedCmdlets.Count
        $command = $maml.SelectSingleNode('//command:command[command:details/command:name="New-SyncMapping"]', $ns)
        $parameter = { param($name) $command.SelectSingleNode("command:parameters/command:parameter[maml:name='$name']", $ns) }

        (& $parameter 'ConflictWinner').SelectSingleNode('maml:description/maml:para', $ns).InnerText | Should -Be 'The side that wins, as this test says.'
        (& $parameter 'ConflictWinner').SelectSingleNode('dev:defaultValue', $ns).InnerText | Should -Be 'HubSpot'
        (& $parameter 'CreateDirection').SelectSingleNode('dev:defaultValue', $ns).InnerText | Should -Be 'SalesforceToHubSpot'
        (& $parameter 'SalesforceObject').SelectSingleNode('maml:description/maml:para', $ns).InnerText | Should -Be "The Salesforce object's API name, e.g. Invoice__c."
        (& $parameter 'Name').GetAttribute('required') | Should -Be 'true'
        (& $parameter 'Name').GetAttribute('position') | Should -Be '0'
        (& $parameter 'Name').GetAttribute('pipelineInput') | Should -Be 'True (ByPropertyName)'
        $command.SelectNodes('command:examples/command:example', $ns).Count | Should -Be 3
        $command.SelectSingleNode('command:inputTypes/command:inputType[dev:type/maml:name="SfHsSync.Engine.Mapping.SyncMapping"]/maml:description/maml:para', $ns).InnerText |
            Should -Be 'Nothing is piped whole; this replaces no generated text.'
        $command.SelectSingleNode('command:returnValues/command:returnValue/dev:type/maml:name', $ns).InnerText | Should -Be 'SfHsSync.Engine.Mapping.SyncMapping'

        # A cmdlet with no source still gets its synopsis and parameter text from the doc comments.
        $startSync = $maml.SelectSingleNode('//command:command[command:details/command:name="Start-Sync"]', $ns)
        $startSync.SelectSingleNode('command:details/maml:description/maml:para', $ns).InnerText | Should -Match 'one pass, or continuously'
        $startSync.SelectSingleNode("command:parameters/command:parameter[maml:name='State']/maml:description/maml:para", $ns).InnerText | Should -Match 'SQLite'
        $startSync.SelectSingleNode("command:parameters/command:parameter[maml:name='Interval']/dev:defaultValue", $ns).InnerText | Should -Be '00:05:00'
    }

    It 'stops on a malformed source, naming the file and line' {
        $source = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'broken')
        $output = Join-Path $TestDrive 'broken-out'
        $original -replace '^## Examples$', '## Exampels' | Set-Content (Join-Path $source 'New-SyncMapping.md')

        $run = Invoke-Generator $source $output
        $run.ExitCode | Should -Not -Be 0
        $run.Text | Should -Match "New-SyncMapping\.md:3: unknown section '## Exampels'"
        Join-Path $output 'SfHsSync.dll-Help.xml' | Should -Not -Exist
    }

    It 'stops on an example without a code block' {
        $source = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'nocode')
        $output = Join-Path $TestDrive 'nocode-out'
        "# New-SyncMapping`n`n## Examples`n`n### Talk, no code`nJust words.`n" | Set-Content (Join-Path $source 'New-SyncMapping.md')

        $run = Invoke-Generator $source $output
        $run.ExitCode | Should -Not -Be 0
        $run.Text | Should -Match 'New-SyncMapping\.md:5: example ''Talk, no code'' needs exactly one code block between two ``` lines; it has 0'
    }
}
