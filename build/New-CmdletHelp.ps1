#requires -Version 7.4
<#
.SYNOPSIS
    Writes the module's MAML help file (en-US/SfHsSync.dll-Help.xml) and about topics from the cmdlets themselves.
.DESCRIPTION
    Binary cmdlets get no help from their XML doc comments: Get-Help reads a MAML file next to the assembly. This
    script builds that file for every cmdlet the module exports:
      - synopsis, description and parameter text from the assembly's XML documentation file (SfHsSync.xml), that is
        the cmdlet classes' <para type="synopsis">/<para type="description"> and the parameter properties' <summary>;
      - syntax, parameter types, required, position, pipeline input, aliases and defaults from the loaded cmdlets;
      - inputs from the parameters that take pipeline input, outputs from [OutputType];
      - examples, notes, related links and any override of the text above from docs/help/<Verb-Noun>.md
        (the format is described at the top of docs/help/README.md).
    It also copies docs/help/about_*.help.txt next to the MAML file.
    Run it in a fresh pwsh after the module is published: it imports the module from -ModulePath.
    A malformed .md file is an error (the build stops, naming the file and line); a cmdlet without a .md file or
    without text for a parameter is a warning here and a failure in tests/pester/Help.Tests.ps1.
.EXAMPLE
    pwsh -NoProfile -File build/New-CmdletHelp.ps1 -ModulePath ./out/SfHsSync -SourcePath ./docs/help
#>
[CmdletBinding()]
param(
    # The published module folder (it holds SfHsSync.psd1, SfHsSync.dll and SfHsSync.xml).
    [Parameter(Mandatory)]
    [string] $ModulePath,

    # The folder of <Verb-Noun>.md files and about_*.help.txt topics.
    [Parameter(Mandatory)]
    [string] $SourcePath,

    # Where the help goes; by default <ModulePath>/en-US.
    [string] $OutputPath,

    # The XML documentation file of the cmdlet assembly; by default <ModulePath>/SfHsSync.xml.
    [string] $DocumentationFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$ModulePath = (Resolve-Path $ModulePath).ProviderPath
$SourcePath = (Resolve-Path $SourcePath).ProviderPath
if (-not $OutputPath) { $OutputPath = Join-Path $ModulePath 'en-US' }
if (-not $DocumentationFile) { $DocumentationFile = Join-Path $ModulePath 'SfHsSync.xml' }
if (-not (Test-Path $DocumentationFile)) {
    throw "The XML documentation file '$DocumentationFile' is missing: src/SfHsSync/SfHsSync.csproj must set GenerateDocumentationFile."
}

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$sectionNames = 'Synopsis', 'Description', 'Examples', 'Parameters', 'Inputs', 'Outputs', 'Notes', 'Related Links'
$riskParameters = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

#region XML documentation text

function ConvertTo-DocText([Xml.XmlNode] $node) {
    # Inline text of a doc-comment node: <c> and <code> keep their text, <see cref> its last name, <see langword> its word.
    $text = foreach ($child in $node.ChildNodes) {
        switch ($child.NodeType) {
            'Text' { $child.Value }
            'CDATA' { $child.Value }
            'Element' {
                switch ($child.LocalName) {
                    'see' {
                        if ($child.HasAttribute('langword')) { if ($child.GetAttribute('langword') -eq 'null') { '$null' } else { $child.GetAttribute('langword') } }
                        elseif ($child.InnerText) { $child.InnerText }
                        else { ($child.GetAttribute('cref') -replace '^\w:', '' -replace '\(.*$', '').Split('.')[-1] }
                    }
                    { $_ -in 'paramref', 'typeparamref' } { $child.GetAttribute('name') }
                    'example' { }
                    default { ConvertTo-DocText $child }
                }
            }
        }
    }
    (($text -join '') -replace '\s+', ' ').Trim()
}

function Get-DocParagraphs([Xml.XmlNode] $node) {
    # A summary's paragraphs: each <para> and each list item is one; loose text around them is one more.
    $paragraphs = [Collections.Generic.List[string]]::new()
    $loose = [Text.StringBuilder]::new()
    $flush = {
        $t = ($loose.ToString() -replace '\s+', ' ').Trim()
        if ($t) { $paragraphs.Add($t) }
        [void] $loose.Clear()
    }
    foreach ($child in $node.ChildNodes) {
        if ($child.NodeType -eq 'Element' -and $child.LocalName -eq 'para') {
            & $flush; $t = ConvertTo-DocText $child; if ($t) { $paragraphs.Add($t) }
        }
        elseif ($child.NodeType -eq 'Element' -and $child.LocalName -eq 'list') {
            & $flush
            foreach ($item in $child.SelectNodes('item')) { $t = ConvertTo-DocText $item; if ($t) { $paragraphs.Add("- $t") } }
        }
        elseif ($child.NodeType -eq 'Element' -and $child.LocalName -eq 'example') { & $flush }
        else {
            $wrapper = $node.OwnerDocument.CreateElement('x'); [void] $wrapper.AppendChild($child.CloneNode($true))
            [void] $loose.Append(' ').Append((ConvertTo-DocText $wrapper))
        }
    }
    & $flush
    , $paragraphs.ToArray()
}

function Read-DocMembers([string] $path) {
    [xml] $doc = Get-Content $path -Raw
    $members = @{}
    foreach ($member in $doc.doc.members.member) { $members[$member.name] = $member }
    $members
}

function Get-CmdletDoc([Xml.XmlElement] $member) {
    $result = @{ Synopsis = $null; Description = @(); Examples = @() }
    if (-not $member) { return $result }
    $synopsis = $member.SelectSingleNode('.//para[@type="synopsis"]')
    if ($synopsis) { $result.Synopsis = ConvertTo-DocText $synopsis }
    $result.Description = @($member.SelectNodes('.//para[@type="description"]') | ForEach-Object { ConvertTo-DocText $_ } | Where-Object { $_ })
    $result.Examples = @(foreach ($example in $member.SelectNodes('.//example')) {
            $code = $example.SelectSingleNode('code')
            if ($code) { [pscustomobject] @{ Title = $null; Code = $code.InnerText.Trim(); Remarks = @() } }
        })
    $result
}

function Get-ParameterDoc([hashtable] $members, [Type] $type, [string] $name) {
    # The property behind a parameter may be declared on a base class (SyncCommandBase, StateCommandBase).
    for ($t = $type; $t; $t = $t.BaseType) {
        $property = $t.GetProperty($name, [Reflection.BindingFlags] 'Public, Instance, DeclaredOnly')
        if ($property) {
            $member = $members["P:$($t.FullName).$name"]
            if ($member -and $member.SelectSingleNode('summary')) { return , (Get-DocParagraphs $member.SelectSingleNode('summary')) }
            return , @()
        }
    }
    , @()
}

#endregion

#region docs/help markdown

function New-MarkdownError([string] $file, [int] $line, [string] $message) {
    [Management.Automation.ErrorRecord]::new([FormatException]::new("${file}:${line}: $message"), 'HelpMarkdownInvalid', 'InvalidData', $file)
}

function Split-Paragraphs([string[]] $lines) {
    # Blank lines separate paragraphs; lines within one are joined, as Markdown renders them.
    $paragraphs = [Collections.Generic.List[string]]::new()
    $current = [Collections.Generic.List[string]]::new()
    foreach ($line in $lines + '') {
        if ($line.Trim()) { $current.Add($line.Trim()) }
        elseif ($current.Count) { $paragraphs.Add(($current -join ' ')); $current.Clear() }
    }
    , $paragraphs.ToArray()
}

function Read-HelpMarkdown([string] $path, [string] $expectedName) {
    $file = Split-Path $path -Leaf
    $lines = @(Get-Content $path)
    $result = @{
        Synopsis = $null; Description = @(); Examples = @(); Parameters = @{}; Defaults = @{}; Inputs = [ordered] @{}
        Outputs = [ordered] @{}; Notes = @(); Links = @(); Path = $path
    }
    if (-not $lines -or $lines[0] -notmatch '^# (\S+)\s*$') { throw (New-MarkdownError $file 1 "the file must start with '# $expectedName'.") }
    if ($Matches[1] -ne $expectedName) { throw (New-MarkdownError $file 1 "the heading names '$($Matches[1])' but the file is for '$expectedName'.") }

    # Cut the file into ## sections and ### items, keeping line numbers for messages; fenced code stays whole.
    $section = $null; $item = $null; $sections = [ordered] @{}
    $inFence = $false
    for ($i = 1; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^## (.+?)\s*$') {
            $section = $Matches[1]
            if ($section -notin $sectionNames) { throw (New-MarkdownError $file ($i + 1) "unknown section '## $section'; the sections are: $($sectionNames -join ', ').") }
            if ($sections.Contains($section)) { throw (New-MarkdownError $file ($i + 1) "section '## $section' appears twice.") }
            $sections[$section] = [Collections.Generic.List[object]]::new()
            $item = [pscustomobject] @{ Title = $null; Line = $i + 1; Lines = [Collections.Generic.List[string]]::new() }
            $sections[$section].Add($item)
            continue
        }
        if (-not $inFence -and $line -match '^### (.+?)\s*$') {
            if (-not $section) { throw (New-MarkdownError $file ($i + 1) "'### $($Matches[1])' comes before any ## section.") }
            $item = [pscustomobject] @{ Title = $Matches[1]; Line = $i + 1; Lines = [Collections.Generic.List[string]]::new() }
            $sections[$section].Add($item)
            continue
        }
        if (-not $section) {
            if ($line.Trim()) { throw (New-MarkdownError $file ($i + 1) 'text before the first ## section.') }
            continue
        }
        $item.Lines.Add($line)
    }
    if ($inFence) { throw (New-MarkdownError $file $lines.Count 'a ``` code block is not closed.') }

    foreach ($name in $sections.Keys) {
        $intro = $sections[$name][0]; $items = @($sections[$name] | Select-Object -Skip 1)
        switch ($name) {
            'Synopsis' { $result.Synopsis = (Split-Paragraphs $intro.Lines) -join ' ' }
            'Description' { $result.Description = Split-Paragraphs $intro.Lines }
            'Notes' { $result.Notes = Split-Paragraphs $intro.Lines }
            'Related Links' {
                $result.Links = @(foreach ($line in $intro.Lines) {
                        if (-not $line.Trim()) { continue }
                        if ($line -match '^\s*[-*]\s+\[(.+?)\]\((\S+?)\)\s*$') { [pscustomobject] @{ Text = $Matches[1]; Uri = $Matches[2] } }
                        elseif ($line -match '^\s*[-*]\s+(https?://\S+)\s*$') { [pscustomobject] @{ Text = $Matches[1]; Uri = $Matches[1] } }
                        elseif ($line -match '^\s*[-*]\s+(\S+)\s*$') { [pscustomobject] @{ Text = $Matches[1]; Uri = '' } }
                        else { throw (New-MarkdownError $file $intro.Line "a related link is '- Name', '- https://...' or '- [text](https://...)', not '$line'.") }
                    })
            }
            'Examples' {
                if ((Split-Paragraphs $intro.Lines).Count) { throw (New-MarkdownError $file $intro.Line "text under '## Examples' must sit under a '### Example title'.") }
                $result.Examples = @(foreach ($example in $items) {
                        $fences = @(for ($j = 0; $j -lt $example.Lines.Count; $j++) { if ($example.Lines[$j] -match '^\s*```') { $j } })
                        if ($fences.Count -ne 2) { throw (New-MarkdownError $file $example.Line ("example '$($example.Title)' needs exactly one code block between two ``````` lines; it has $($fences.Count) such line(s).")) }
                        $code = ($example.Lines[($fences[0] + 1)..($fences[1] - 1)] -join "`n").Trim()
                        if (-not $code) { throw (New-MarkdownError $file $example.Line "example '$($example.Title)' has an empty code block.") }
                        $before = if ($fences[0] -gt 0) { $example.Lines[0..($fences[0] - 1)] } else { @() }
                        $after = if ($fences[1] -lt $example.Lines.Count - 1) { $example.Lines[($fences[1] + 1)..($example.Lines.Count - 1)] } else { @() }
                        [pscustomobject] @{ Title = $example.Title; Code = $code; Remarks = @(Split-Paragraphs (@($before) + '' + @($after))) }
                    })
            }
            'Parameters' {
                foreach ($parameter in $items) {
                    if ($parameter.Title -notmatch '^-(\w+)$') { throw (New-MarkdownError $file $parameter.Line "a parameter heading is '### -Name', not '### $($parameter.Title)'.") }
                    $name = $Matches[1]
                    # A 'Default value: X' line says the default a user sees when the property's own is a stand-in ($null).
                    $default = @($parameter.Lines | Where-Object { $_ -match '^\s*Default value:\s*(\S.*?)\s*$' } | ForEach-Object { $Matches[1] })
                    $text = Split-Paragraphs @($parameter.Lines | Where-Object { $_ -notmatch '^\s*Default value:' })
                    if (-not $text.Count -and -not $default) { throw (New-MarkdownError $file $parameter.Line "parameter '-$name' has neither text nor a 'Default value:' line.") }
                    if ($text.Count) { $result.Parameters[$name] = $text }
                    if ($default) { $result.Defaults[$name] = $default[0] }
                }
            }
            { $_ -in 'Inputs', 'Outputs' } {
                foreach ($typeItem in $items) { $result[$name][$typeItem.Title] = Split-Paragraphs $typeItem.Lines }
            }
        }
    }
    $result
}

#endregion

#region cmdlet metadata

function Get-TypeDisplayName([Type] $type) {
    $inner = [Nullable]::GetUnderlyingType($type)
    if ($inner) { $type = $inner }
    if ($type.IsArray) { return (Get-TypeDisplayName $type.GetElementType()) + '[]' }
    $type.Name
}

function Get-TypeFullName([Type] $type) {
    $inner = [Nullable]::GetUnderlyingType($type)
    if ($inner) { $type = $inner }
    if ($type.IsArray) { return (Get-TypeFullName $type.GetElementType()) + '[]' }
    $type.FullName
}

function Get-ParameterValues([Management.Automation.ParameterMetadata] $parameter) {
    # The values a parameter accepts, for the syntax's {A | B}: a ValidateSet, else an enum's names.
    $set = $parameter.Attributes | Where-Object { $_ -is [Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return , @($set.ValidValues) }
    $type = $parameter.ParameterType
    $inner = [Nullable]::GetUnderlyingType($type); if ($inner) { $type = $inner }
    if ($type.IsEnum) { return , @([Enum]::GetNames($type)) }
    , @()
}

function Get-DefaultValue([object] $instance, [Management.Automation.ParameterMetadata] $parameter) {
    if ($parameter.SwitchParameter) { return 'False' }
    if (-not $instance) { return 'None' }
    $property = $instance.GetType().GetProperty($parameter.Name)
    if (-not $property) { return 'None' }
    $value = $property.GetValue($instance)
    if ($null -eq $value -or ($value -is [Array] -and $value.Length -eq 0) -or ($value -is [string] -and $value -eq '')) { return 'None' }
    if ($value -is [int] -and $value -eq [int]::MaxValue) { return 'None' }
    if ($value -is [long] -and $value -eq [long]::MaxValue) { return 'None' }
    [string] $value
}

function Get-PipelineInput([Management.Automation.ParameterMetadata] $parameter) {
    $kinds = @()
    if ($parameter.ParameterSets.Values.ValueFromPipeline -contains $true) { $kinds += 'ByValue' }
    if ($parameter.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

#endregion

#region MAML writing

function Write-Paragraphs([Xml.XmlWriter] $w, [string[]] $paragraphs) {
    $w.WriteStartElement('maml', 'description', $ns.maml)
    if (-not $paragraphs) { $w.WriteElementString('maml', 'para', $ns.maml, '') }
    foreach ($p in $paragraphs) { $w.WriteElementString('maml', 'para', $ns.maml, $p) }
    $w.WriteEndElement()
}

function Write-Type([Xml.XmlWriter] $w, [string] $name) {
    $w.WriteStartElement('dev', 'type', $ns.dev)
    $w.WriteElementString('maml', 'name', $ns.maml, $name)
    $w.WriteElementString('maml', 'uri', $ns.maml, '')
    $w.WriteEndElement()
}

function Write-Parameter([Xml.XmlWriter] $w, [hashtable] $p, [bool] $required, [string] $position, [bool] $inSyntax) {
    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', $required.ToString().ToLowerInvariant())
    $w.WriteAttributeString('variableLength', $p.IsArray.ToString().ToLowerInvariant())
    $w.WriteAttributeString('globbing', $p.Globbing.ToString().ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', $p.PipelineInput)
    $w.WriteAttributeString('position', $position)
    $w.WriteAttributeString('aliases', $p.Aliases)
    $w.WriteElementString('maml', 'name', $ns.maml, $p.Name)
    Write-Paragraphs $w $p.Text
    if ($inSyntax -and $p.Values.Count) {
        $w.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($value in $p.Values) {
            $w.WriteStartElement('command', 'parameterValue', $ns.command)
            $w.WriteAttributeString('required', 'false'); $w.WriteAttributeString('variableLength', 'false')
            $w.WriteString($value)
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    elseif (-not ($inSyntax -and $p.IsSwitch)) {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', (-not $p.IsSwitch).ToString().ToLowerInvariant())
        $w.WriteAttributeString('variableLength', $p.IsArray.ToString().ToLowerInvariant())
        $w.WriteString($p.TypeName)
        $w.WriteEndElement()
    }
    Write-Type $w $p.TypeFullName
    $w.WriteElementString('dev', 'defaultValue', $ns.dev, $p.Default)
    $w.WriteEndElement()
}

function Write-CommandHelp([Xml.XmlWriter] $w, [Management.Automation.CmdletInfo] $cmd, [hashtable] $members, $markdown) {
    $type = $cmd.ImplementingType
    $doc = Get-CmdletDoc $members["T:$($type.FullName)"]
    $md = if ($markdown) { $markdown } else { @{ Synopsis = $null; Description = @(); Examples = @(); Parameters = @{}; Defaults = @{}; Inputs = @{}; Outputs = @{}; Notes = @(); Links = @() } }
    $synopsis = if ($md.Synopsis) { $md.Synopsis } else { $doc.Synopsis }
    $description = if ($md.Description) { $md.Description } else { $doc.Description }
    $examples = if ($md.Examples) { $md.Examples } else { $doc.Examples }
    if (-not $synopsis) { Write-Warning "$($cmd.Name) has no synopsis (<para type=""synopsis""> on $($type.Name))." }
    if (-not $description) { Write-Warning "$($cmd.Name) has no description (<para type=""description""> on $($type.Name))." }
    if (-not $examples) { Write-Warning "$($cmd.Name) has no examples (docs/help/$($cmd.Name).md)." }

    $common = [Management.Automation.Cmdlet]::CommonParameters
    $instance = try { [Activator]::CreateInstance($type) } catch { $null }
    $parameters = [ordered] @{}
    foreach ($metadata in $cmd.Parameters.Values) {
        if ($metadata.Name -in $common) { continue }
        $text = if ($md.Parameters.ContainsKey($metadata.Name)) { $md.Parameters[$metadata.Name] }
        elseif ($riskParameters.ContainsKey($metadata.Name)) { , @($riskParameters[$metadata.Name]) }
        else { Get-ParameterDoc $members $type $metadata.Name }
        if (-not $text) { Write-Warning "$($cmd.Name) -$($metadata.Name) has no description: give its property a <summary>, or add '### -$($metadata.Name)' under '## Parameters' in docs/help/$($cmd.Name).md." }
        $parameters[$metadata.Name] = @{
            Name          = $metadata.Name
            Text          = @($text)
            TypeName      = Get-TypeDisplayName $metadata.ParameterType
            TypeFullName  = Get-TypeFullName $metadata.ParameterType
            IsSwitch      = $metadata.SwitchParameter
            IsArray       = $metadata.ParameterType.IsArray
            Globbing      = [bool] ($metadata.Attributes | Where-Object { $_ -is [Management.Automation.SupportsWildcardsAttribute] })
            PipelineInput = Get-PipelineInput $metadata
            Aliases       = if ($metadata.Aliases.Count) { $metadata.Aliases -join ', ' } else { 'none' }
            Values        = Get-ParameterValues $metadata
            Default       = if ($md.Defaults.ContainsKey($metadata.Name)) { $md.Defaults[$metadata.Name] } else { Get-DefaultValue $instance $metadata }
            Sets          = $metadata.ParameterSets
        }
    }
    foreach ($name in @($md.Parameters.Keys) + @($md.Defaults.Keys)) {
        if (-not $parameters.Contains($name)) { Write-Warning "docs/help/$($cmd.Name).md describes -$name, which $($cmd.Name) does not have." }
    }

    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)

    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $cmd.Name)
    $w.WriteElementString('command', 'verb', $ns.command, $cmd.Verb)
    $w.WriteElementString('command', 'noun', $ns.command, $cmd.Noun)
    Write-Paragraphs $w @($synopsis)
    $w.WriteEndElement()

    Write-Paragraphs $w $description

    # One syntax line per parameter set, the default set first; positional parameters in position order, then the
    # mandatory named ones, the optional ones, and -WhatIf/-Confirm last, as Get-Command -Syntax reads.
    $w.WriteStartElement('command', 'syntax', $ns.command)
    $sets = @($cmd.ParameterSets | Sort-Object -Stable { -not $_.IsDefault })
    foreach ($set in $sets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $cmd.Name)
        $inSet = @($set.Parameters | Where-Object { $_.Name -notin $common })
        $named = @($inSet | Where-Object { $_.Position -lt 0 -and -not $riskParameters.ContainsKey($_.Name) })
        $ordered = @($inSet | Where-Object { $_.Position -ge 0 } | Sort-Object Position) +
            @($named | Where-Object IsMandatory) + @($named | Where-Object { -not $_.IsMandatory }) +
            @($inSet | Where-Object { $_.Position -lt 0 -and $riskParameters.ContainsKey($_.Name) })
        foreach ($p in $ordered) {
            $position = if ($p.Position -ge 0) { [string] $p.Position } else { 'named' }
            Write-Parameter $w $parameters[$p.Name] $p.IsMandatory $position $true
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($p in $parameters.Values) {
        $setInfo = @($p.Sets.Values)
        $required = $setInfo.Count -gt 0 -and -not ($setInfo.IsMandatory -contains $false)
        $positions = @($setInfo.Position | Where-Object { $_ -ge 0 } | Sort-Object -Unique)
        $position = if ($positions.Count) { [string] $positions[0] } else { 'named' }
        Write-Parameter $w $p $required $position $false
    }
    $w.WriteEndElement()

    # Inputs: the types piped whole (ByValue), and any object whose properties bind by name.
    $w.WriteStartElement('command', 'inputTypes', $ns.command)
    $inputs = [ordered] @{}
    foreach ($p in $parameters.Values) {
        if ($p.PipelineInput -match 'ByValue') { $inputs[$p.TypeFullName -replace '\[\]$', ''] = @("Piped to -$($p.Name).") }
    }
    $byName = @($parameters.Values | Where-Object { $_.PipelineInput -match 'ByPropertyName' } | ForEach-Object Name)
    if ($byName) {
        $inputs['System.Management.Automation.PSObject'] = @("Any object (an Import-Csv row, say) with properties that bind by name to the parameters of the same name: $($byName -join ', ').")
    }
    foreach ($key in $md.Inputs.Keys) { $inputs[$key] = $md.Inputs[$key] }
    if (-not $inputs.Count) { $inputs['None'] = @("$($cmd.Name) takes no pipeline input.") }
    foreach ($key in $inputs.Keys) {
        $w.WriteStartElement('command', 'inputType', $ns.command)
        Write-Type $w $key
        Write-Paragraphs $w $inputs[$key]
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'returnValues', $ns.command)
    $outputs = [ordered] @{}
    foreach ($o in $cmd.OutputType) { $outputs[$(if ($o.Type) { $o.Type.FullName } else { $o.Name })] = @() }
    foreach ($key in $md.Outputs.Keys) {
        $match = @($outputs.Keys | Where-Object { $_ -eq $key -or $_.Split('.')[-1] -eq $key })
        $outputs[$(if ($match) { $match[0] } else { $key })] = $md.Outputs[$key]
    }
    foreach ($key in $outputs.Keys) {
        $w.WriteStartElement('command', 'returnValue', $ns.command)
        Write-Type $w $key
        Write-Paragraphs $w $outputs[$key]
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    if ($md.Notes) {
        $w.WriteStartElement('maml', 'alertSet', $ns.maml)
        $w.WriteStartElement('maml', 'alert', $ns.maml)
        foreach ($p in $md.Notes) { $w.WriteElementString('maml', 'para', $ns.maml, $p) }
        $w.WriteEndElement(); $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $ns.command)
    $n = 0
    foreach ($example in $examples) {
        $n++
        $title = if ($example.Title) { "Example ${n}: $($example.Title -replace '^Example \d+:\s*', '')" } else { "Example $n" }
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('maml', 'title', $ns.maml, "--------- $title ---------")
        $w.WriteElementString('dev', 'code', $ns.dev, $example.Code)
        $w.WriteStartElement('dev', 'remarks', $ns.dev)
        foreach ($p in $example.Remarks) { $w.WriteElementString('maml', 'para', $ns.maml, $p) }
        # An empty last paragraph keeps a blank line between one example's remarks and the next title.
        $w.WriteElementString('maml', 'para', $ns.maml, '')
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in $md.Links) {
        $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $w.WriteElementString('maml', 'linkText', $ns.maml, $link.Text)
        $w.WriteElementString('maml', 'uri', $ns.maml, $link.Uri)
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteEndElement()
}

#endregion

$manifest = Join-Path $ModulePath 'SfHsSync.psd1'
$module = Import-Module $manifest -Force -PassThru
$members = Read-DocMembers $DocumentationFile
$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Name)

$markdownFiles = @{}
foreach ($file in Get-ChildItem $SourcePath -Filter '*-*.md') { $markdownFiles[$file.BaseName] = $file.FullName }
foreach ($name in $markdownFiles.Keys) {
    if ($name -notin $cmdlets.Name) { Write-Warning "docs/help/$name.md is for a cmdlet the module does not export." }
}

# Every source is read before anything is written, so a malformed one leaves the previous help in place.
$markdown = @{}
foreach ($cmd in $cmdlets) {
    if (-not $markdownFiles.ContainsKey($cmd.Name)) {
        Write-Warning "$($cmd.Name) has no docs/help/$($cmd.Name).md (examples, notes, related links)."
        continue
    }
    try { $markdown[$cmd.Name] = Read-HelpMarkdown $markdownFiles[$cmd.Name] $cmd.Name }
    catch [FormatException] {
        # One plain line naming the file and line reads better in a build log than PowerShell's error view.
        [Console]::Error.WriteLine("New-CmdletHelp: $($_.Exception.Message)")
        exit 1
    }
}

New-Item -ItemType Directory -Force -Path $OutputPath | Out-Null
# Get-Help looks for a binary cmdlet's MAML beside its assembly, named after it (the module's root is a script).
$target = Join-Path $OutputPath "$([IO.Path]::GetFileName($cmdlets[0].DLL))-Help.xml"
$settings = [Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [Text.UTF8Encoding]::new($false)
$writing = "$target.tmp"
$writer = [Xml.XmlWriter]::Create($writing, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($cmd in $cmdlets) { Write-CommandHelp $writer $cmd $members $markdown[$cmd.Name] }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}
Move-Item $writing $target -Force

foreach ($topic in Get-ChildItem $SourcePath -Filter 'about_*.help.txt') { Copy-Item $topic.FullName $OutputPath -Force }
Write-Host "==> Help for $($cmdlets.Count) cmdlets written to $target"
