# Bad input, one table: every case must end in an ErrorRecord with its ErrorId and category, a message naming what is
# wrong and where, and no change anywhere: the state's rows as they were, both services' records as they were, and no
# write request in either service's request log.
# Values the other side refuses (the cases with a Refusal) are per-record failures of a run: the run is not a success
# and says so (SyncRunCompletedWithErrors), Get-SyncError keeps the record with its code, field and value, its good
# twin syncs, it is neither linked nor half-written, exactly the Refusal's writes reach the services, and the next pass
# retries it (and syncs it once the value is corrected). They run on a mapping of their own, in a state of their own.
BeforeDiscovery {
    $lookalikes = [ordered]@{
        'Cyrillic o' = 'o' -replace 'o', [string][char]0x043E
        'Greek omicron' = [string][char]0x03BF
        'full-width I' = [string][char]0xFF29
        'zero-width space' = [string][char]0x200B
        'semicolon' = ';'
        'space and SOQL' = ' WHERE Id != null'
        'comma and subquery' = ', (SELECT Id FROM User)'
        'slash and dots' = '/../../x'
        'CR LF header' = "`r`nX-Injected: 1"
        'quote' = "'"
        'ampersand query' = '&archived=true'
    }
    $script:Cases = @()
    foreach ($kind in $lookalikes.Keys) {
        $bad = $lookalikes[$kind]
        $script:Cases += @{ Name = "Salesforce object with $kind"; Id = 'SalesforceNameInvalid'; Category = 'InvalidArgument'; Message = 'is not a valid Salesforce API name for the Salesforce object'
            Run = [scriptblock]::Create("New-SyncMapping -Name Bad -SalesforceObject 'Invoice$($bad -replace "'", "''")__c' -HubSpotObject p12345678_invoices -ErrorAction Stop | Start-Sync -State `$State") }
        $script:Cases += @{ Name = "Salesforce field with $kind"; Id = 'SalesforceNameInvalid'; Category = 'InvalidArgument'; Message = 'is not a valid Salesforce API name for the Salesforce field'
            Run = [scriptblock]::Create("New-SyncMapping -Name Bad -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices | Add-FieldMapping -SalesforceField 'Amount$($bad -replace "'", "''")__c' -HubSpotProperty amount -ErrorAction Stop | Start-Sync -State `$State") }
        $script:Cases += @{ Name = "HubSpot object with $kind"; Id = 'HubSpotNameInvalid'; Category = 'InvalidArgument'; Message = 'is not a valid HubSpot object type for the HubSpot object'
            Run = [scriptblock]::Create("New-SyncMapping -Name Bad -SalesforceObject Invoice__c -HubSpotObject 'p12345678_inv$($bad -replace "'", "''")oices' -ErrorAction Stop | Start-Sync -State `$State") }
        $script:Cases += @{ Name = "HubSpot property with $kind"; Id = 'HubSpotNameInvalid'; Category = 'InvalidArgument'; Message = 'is not a valid HubSpot property internal name for the HubSpot property'
            Run = [scriptblock]::Create("New-SyncMapping -Name Bad -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices | Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty 'amo$($bad -replace "'", "''")unt' -ErrorAction Stop | Start-Sync -State `$State") }
    }
    foreach ($scheme in 'mysql', 'sqlite', 'https', 'redis', 'postgresq', 'mssql', 'file') {
        $script:Cases += @{ Name = "state location with the unknown scheme $scheme"; Id = 'SyncStateLocationInvalid'; Category = 'InvalidArgument'; Message = "uses the URI scheme '$scheme'.*postgresql:// or postgres://"
            Run = [scriptblock]::Create("New-InvoiceMapping | Start-Sync -State '$($scheme)://localhost/db'") }
    }
    foreach ($name in 'Inv;DROP TABLE links', 'Inv/../x', "Inv`r`nX", '-Invoices', 'Inv"oices') {
        $script:Cases += @{ Name = "mapping name '$($name -replace "`r`n", '\r\n')'"; Id = 'SyncMappingNameInvalid'; Category = 'InvalidArgument'; Message = 'is not a valid mapping name'
            Run = [scriptblock]::Create("New-SyncMapping -Name '$($name -replace "'", "''")' -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -ErrorAction Stop | Start-Sync -State `$State") }
    }
    $script:Cases += @(
        @{ Name = 'YAML with a duplicate key'; Id = 'SyncMappingYamlInvalid'; Category = 'InvalidData'; Message = 'dup\.yml \(line \d+, column \d+\): .*Duplicate key'
            Run = { Set-Content "$TestDrive/dup.yml" ((Get-Content $Yaml -Raw) + "formatVersion: 1`n"); Import-SyncMapping -Path "$TestDrive/dup.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML that is binary'; Id = 'SyncMappingYamlInvalid'; Category = 'InvalidData'; Message = "bin\.yml' is not UTF-8 text"
            Run = { [IO.File]::WriteAllBytes("$TestDrive/bin.yml", [byte[]](0..255)); Import-SyncMapping -Path "$TestDrive/bin.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML of 50 MB'; Id = 'SyncMappingYamlInvalid'; Category = 'InvalidData'; Message = 'big\.yml \(line 1, column 1\)'
            Run = { $f = [IO.File]::Create("$TestDrive/big.yml"); $f.SetLength(50MB); $f.Dispose(); Import-SyncMapping -Path "$TestDrive/big.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML with a list where a number belongs'; Id = 'SyncMappingYamlValueInvalid'; Category = 'InvalidData'; Message = "type\.yml \(line \d+, column \d+\): 'formatVersion' must be a whole number"
            Run = { Set-Content "$TestDrive/type.yml" ((Get-Content $Yaml -Raw) -replace 'formatVersion: 1', 'formatVersion: [1]'); Import-SyncMapping -Path "$TestDrive/type.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML from a newer format'; Id = 'SyncMappingFormatUnsupported'; Category = 'NotImplemented'; Message = 'newer\.yml \(line \d+, column \d+\): the file has format version 99'
            Run = { Set-Content "$TestDrive/newer.yml" ((Get-Content $Yaml -Raw) -replace 'formatVersion: 1', 'formatVersion: 99'); Import-SyncMapping -Path "$TestDrive/newer.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML with a misspelt key'; Id = 'SyncMappingYamlUnknownKey'; Category = 'InvalidData'; Message = "typo\.yml \(line \d+, column \d+\): unknown key 'salesforceObjekt'"
            Run = { Set-Content "$TestDrive/typo.yml" ((Get-Content $Yaml -Raw) -replace 'salesforceObject:', 'salesforceObjekt:'); Import-SyncMapping -Path "$TestDrive/typo.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML that is empty'; Id = 'SyncMappingYamlInvalid'; Category = 'InvalidData'; Message = 'empty\.yml \(line 1, column 1\): the file holds no YAML document'
            Run = { Set-Content "$TestDrive/empty.yml" ''; Import-SyncMapping -Path "$TestDrive/empty.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML of anchors that expand exponentially, without a format version'; Id = 'SyncMappingYamlAliasLimit'; Category = 'InvalidData'; Message = "laughs\.yml \(line 6, column \d+\): its first \d+ aliases would already expand the document to [\d,]+ nodes, over the limit of 100,000"
            Run = { $l = 'a: &a [x,x,x,x,x,x,x,x,x]'; foreach ($n in 'b', 'c', 'd', 'e', 'f', 'g', 'h') { $p = [char]([int][char]$n - 1); $l += "`n${n}: &$n [" + ((1..9 | ForEach-Object { "*$p" }) -join ',') + ']' }
                Set-Content "$TestDrive/laughs.yml" $l; Import-SyncMapping -Path "$TestDrive/laughs.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML indented with tabs'; Id = 'SyncMappingYamlInvalid'; Category = 'InvalidData'; Message = "tabs\.yml \(line \d+, column 1\): a tab indents this line; YAML indents with spaces only"
            Run = { Set-Content "$TestDrive/tabs.yml" ((Get-Content $Yaml -Raw) -replace '(?m)^- ', "`t- "); Import-SyncMapping -Path "$TestDrive/tabs.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML nested 10,000 levels deep'; Id = 'SyncMappingYamlInvalid'; Category = 'InvalidData'; Message = "deep\.yml \(line 2, column \d+\): the document nests deeper than 32 levels"
            Run = { Set-Content "$TestDrive/deep.yml" ("formatVersion: 1`nname: " + ('[' * 10000) + (']' * 10000)); Import-SyncMapping -Path "$TestDrive/deep.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML with a value of a million characters'; Id = 'SyncMappingYamlInvalid'; Category = 'InvalidData'; Message = "huge\.yml \(line 2, column 7\): a value of 1,000,000 characters"
            Run = { Set-Content "$TestDrive/huge.yml" ("formatVersion: 1`nname: " + ('x' * 1000000)); Import-SyncMapping -Path "$TestDrive/huge.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML with a merge key'; Id = 'SyncMappingYamlInvalid'; Category = 'InvalidData'; Message = "merge\.yml \(line \d+, column \d+\): merge keys \('<<'\) are not part of YAML 1\.2"
            Run = { Set-Content "$TestDrive/merge.yml" ("base: &b { createDirection: TwoWay }`n" + ((Get-Content $Yaml -Raw) -replace 'name: Invoices', "name: Invoices`n<<: *b")); Import-SyncMapping -Path "$TestDrive/merge.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'YAML with a language object tag'; Id = 'SyncMappingYamlInvalid'; Category = 'InvalidData'; Message = "tag\.yml \(line \d+, column \d+\): the tag '!!python/object/apply:os\.system' is not read"
            Run = { Set-Content "$TestDrive/tag.yml" ((Get-Content $Yaml -Raw) -replace 'name: Invoices', 'name: !!python/object/apply:os.system Invoices'); Import-SyncMapping -Path "$TestDrive/tag.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'mapping file that does not exist'; Id = 'SyncMappingFileNotFound'; Category = 'ObjectNotFound'; Message = "No mapping file matches '.*nope\.yml'"
            Run = { Import-SyncMapping -Path "$TestDrive/nope.yml" -ErrorAction Stop | Start-Sync -State $State } }
        @{ Name = 'mapping edited between runs to a field that does not exist'; Id = 'SyncMappingInvalid'; Category = 'InvalidData'; Message = "The mapping 'Invoices' has 1 error"
            Run = { Set-Content "$TestDrive/edited.yml" ((Get-Content $Yaml -Raw) -replace 'Amount__c', 'Amount_Typo__c'); Start-Sync -Path "$TestDrive/edited.yml" -State $State -ErrorAction Stop } }
        @{ Name = 'Salesforce object that does not exist'; Id = 'SyncMappingInvalid'; Category = 'InvalidData'; Message = "The mapping 'Bad' has \d+ error"
            Run = { New-SyncMapping -Name Bad -SalesforceObject Nope__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id | Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number | Start-Sync -State $State } }
        @{ Name = 'PostgreSQL state with a wrong password'; Id = 'SyncStateOpenFailed'; Category = 'ConnectionError'; Message = 'The PostgreSQL state at postgresql://nobody:\*\*\*@127\.0\.0\.1:\d+/postgres could not be opened'
            Run = { New-InvoiceMapping | Start-Sync -State "postgresql://nobody:wrong-secret-pw@127.0.0.1:$PostgresPort/postgres" } }
        @{ Name = 'PostgreSQL state on a port nothing listens on'; Id = 'SyncStateOpenFailed'; Category = 'ConnectionError'; Message = 'postgresql://u:\*\*\*@127\.0\.0\.1:1/db could not be opened: Failed to connect to 127\.0\.0\.1:1'
            Run = { New-InvoiceMapping | Start-Sync -State 'postgresql://u:p@127.0.0.1:1/db' } }
        @{ Name = 'forged HubSpot token'; Id = 'HubSpotAuthenticationFailed'; Category = 'AuthenticationError'; Message = 'HubSpot answered 401 INVALID_AUTHENTICATION to GET crm-object-schemas/2026-09/schemas'
            Run = { Connect-HubSpot -AccessToken (ConvertTo-SecureString 'pat-na1-forged-0000' -AsPlainText -Force) -BaseUrl $Sandbox.HubSpotUrl } }
        @{ Name = 'forged Salesforce token'; Id = 'SalesforceSessionExpired'; Category = 'AuthenticationError'; Message = "Salesforce refused the session while trying to read the org's limits: INVALID_SESSION_ID"
            Run = { Connect-Salesforce -InstanceUrl $Sandbox.SalesforceUrl -AccessToken (ConvertTo-SecureString '00Dforged!0000' -AsPlainText -Force) } }
        @{ Name = 'JWT key in the wrong format'; Id = 'SalesforcePrivateKeyInvalid'; Category = 'InvalidData'; Message = "The private key file '.*key\.pem' could not be read as an RSA private key"
            Run = { Set-Content "$TestDrive/key.pem" 'not a key'; Connect-Salesforce -ClientId abc -Username u@example.com -PrivateKeyPath "$TestDrive/key.pem" -LoginUrl $Sandbox.SalesforceUrl } }
        @{ Name = 'negative -LeaseTimeout'; Id = 'SyncParameterOutOfRange'; Category = 'InvalidArgument'; Message = '-LeaseTimeout.*cannot be negative'
            Run = { New-InvoiceMapping | Start-Sync -State $State -LeaseTimeout -00:00:01 } }
        @{ Name = '-HeartbeatTimeout under a second'; Id = 'SyncParameterOutOfRange'; Category = 'InvalidArgument'; Message = '-HeartbeatTimeout must be at least one second'
            Run = { New-InvoiceMapping | Start-Sync -State $State -HeartbeatTimeout 00:00:00.5 } }
    )

    # Values the other side refuses. A Salesforce record cannot hold a value Salesforce refuses, so those come from HubSpot.
    # HubSpot's own limits are out of reach here: its text holds 65,536 characters (the longest Salesforce text field of the
    # Demo holds 32,768), it checks no email format on custom object properties, and it bounds neither numbers nor dates.
    # A create is one upsert on the other side's link key (HubSpot_Id__c, salesforce_id): nothing is written back. Refused by
    # Salesforce's answer, the batch carries both records; refused before any call (the described field says so), only
    # the good one; a retry sends the refused one again, or nothing.
    $sfCreate = 'Salesforce PATCH composite/sobjects/Invoice__c/HubSpot_Id__c'
    $refused = @{ Id = 'SyncRunCompletedWithErrors'; Category = 'WriteError'; Message = "Mapping 'InvoiceValues' \(run \d+\) CompletedWithErrors: 1 record\(s\) failed; Get-SyncError lists them" }
    $script:Cases += @(
        $refused + @{ Name = 'text too long for the Salesforce field (STRING_TOO_LONG)'; Refusal = @{ From = 'HubSpot'; Tag = 'LONG'
            Bad = @{ invoice_number = 'REF-LONG-BAD-' + ('x' * 80) }; Fix = @{ invoice_number = 'REF-LONG-BAD' }
            Code = 'STRING_TOO_LONG'; Field = 'Name (HubSpot invoice_number)'; Value = "'REF-LONG-BAD-xxx"; Writes = @($sfCreate); RetryWrites = @($sfCreate) } }
        $refused + @{ Name = 'bad email for Salesforce (INVALID_EMAIL_ADDRESS)'; Refusal = @{ From = 'HubSpot'; Tag = 'MAIL'
            Bad = @{ billing_email = 'billing at example' }; Fix = @{ billing_email = 'billing@example.com' }
            Code = 'INVALID_EMAIL_ADDRESS'; Field = 'Billing_Email__c (HubSpot billing_email)'; Value = "'billing at example'"; Writes = @($sfCreate); RetryWrites = @($sfCreate) } }
        $refused + @{ Name = 'number out of range for the Salesforce field (NUMBER_OUTSIDE_VALID_RANGE)'; Refusal = @{ From = 'HubSpot'; Tag = 'NUM'
            Bad = @{ amount = '1000000000000000' }; Fix = @{ amount = '100000000000' }
            Code = 'NUMBER_OUTSIDE_VALID_RANGE'; Field = 'Amount__c (HubSpot amount)'; Value = "'1000000000000000'"; Writes = @($sfCreate); RetryWrites = @() } }
        $refused + @{ Name = 'date out of range for Salesforce (before 1700: FIELD_INTEGRITY_EXCEPTION)'; Refusal = @{ From = 'HubSpot'; Tag = 'DATE'
            Bad = @{ due_date = '1650-01-01' }; Fix = @{ due_date = '1750-01-01' }
            Code = 'FIELD_INTEGRITY_EXCEPTION'; Field = 'Due_Date__c (HubSpot due_date)'; Value = "'1650-01-01'"; Writes = @($sfCreate); RetryWrites = @($sfCreate) } }
        $refused + @{ Name = 'value of a removed HubSpot option for a restricted picklist (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST)'; Refusal = @{ From = 'HubSpot'; Tag = 'PICK'
            Before = { Add-HubSpotOption status Disputed }; After = { Remove-HubSpotOption status Disputed }
            Bad = @{ status = 'Disputed' }; Fix = @{ status = 'Sent' }
            Code = 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'; Field = 'Status__c (HubSpot status)'; Value = "'Disputed'"; Writes = @($sfCreate); RetryWrites = @() } }
        $refused + @{ Name = 'unknown option for a HubSpot enumeration (INVALID_OPTION)'; Refusal = @{ From = 'Salesforce'; Tag = 'OPT'
            Bad = @{ Channels__c = 'Email;Fax' }; Fix = @{ Channels__c = 'Email' }
            Code = 'INVALID_OPTION'; Field = 'Channels__c (HubSpot channels)'; Value = "'Email;Fax'"
            Writes = @('HubSpot POST /crm/objects/2026-09/{objectType}/batch/upsert'); RetryWrites = @() } }
    )
}

BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    . (Join-Path $PSScriptRoot 'Support/SandboxRequests.ps1')
    . (Join-Path $PSScriptRoot 'Support/RefusedValues.ps1')
    $script:Sandbox = Start-SyncSandbox -Seed Demo
    $script:State = Join-Path $TestDrive 'state.db'
    $script:Yaml = Join-Path $TestDrive 'invoices.sync.yml'
    $script:PostgresPort = if ($env:SFHSSYNC_TEST_POSTGRES -match 'Port=(\d+)') { $Matches[1] } else { '5432' }

    function New-InvoiceMapping {
        New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -CreateDirection TwoWay `
            -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
            Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount
    }

    # The module keeps Microsoft.Data.Sqlite in its private load context (Dependencies/): the type comes from there.
    function New-SqliteConnection([string] $ConnectionString) {
        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([SfHsSync.Engine.Mapping.SyncMapping].Assembly)
        $sqlite = $context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Microsoft.Data.Sqlite'))
        [Activator]::CreateInstance($sqlite.GetType('Microsoft.Data.Sqlite.SqliteConnection', $true), [object[]] @($ConnectionString))
    }

    # Every row of every state table, as text.
    function Get-StateRows {
        $connection = New-SqliteConnection "Data Source=$script:State;Mode=ReadOnly;Pooling=False"
        $connection.Open()
        try {
            $list = $connection.CreateCommand(); $list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            $tables = @(); $names = $list.ExecuteReader(); while ($names.Read()) { $tables += $names.GetString(0) }; $names.Dispose()
            foreach ($table in $tables) {
                $command = $connection.CreateCommand()
                $command.CommandText = "SELECT * FROM `"$table`""
                $reader = $command.ExecuteReader()
                while ($reader.Read()) { "$table " + ((0..($reader.FieldCount - 1) | ForEach-Object { "$($reader.GetValue($_))" }) -join '|') }
                $reader.Dispose()
            }
        }
        finally { $connection.Dispose() }
    }

    # Both services' invoices with their values and modification stamps: any write shows.
    function Get-ServiceRecords {
        $sfToken = [Net.NetworkCredential]::new('', $script:Sandbox.Salesforce.AccessToken).Password
        $hsToken = [Net.NetworkCredential]::new('', $script:Sandbox.HubSpot.AccessToken).Password
        $q = 'SELECT+Id,Name,Amount__c,HubSpot_Id__c,SystemModstamp+FROM+Invoice__c+ORDER+BY+Id'
        (Invoke-RestMethod -Uri "$($script:Sandbox.SalesforceUrl)services/data/v59.0/query?q=$q" -Headers @{ Authorization = "Bearer $sfToken" }).records |
            ForEach-Object { "SF $($_.Id) $($_.Name) $($_.Amount__c) $($_.HubSpot_Id__c) $($_.SystemModstamp)" }
        $after = $null
        do {
            $uri = "$($script:Sandbox.HubSpotUrl)crm/v3/objects/2-1234567?limit=100&properties=invoice_number&properties=amount&properties=salesforce_id" + $(if ($after) { "&after=$after" } else { '' })
            $page = Invoke-RestMethod -Uri $uri -Headers @{ Authorization = "Bearer $hsToken" }
            $page.results | ForEach-Object { "HS $($_.id) $($_.properties.invoice_number) $($_.properties.amount) $($_.properties.salesforce_id) $($_.updatedAt)" }
            $after = $page.paging.next.after
        } while ($after)
    }

    # The state holds a run already, so "unchanged" means something.
    New-InvoiceMapping | Export-SyncMapping -Path $script:Yaml
    $first = Start-Sync -Path $script:Yaml -State $script:State
    $first.State | Should -Be 'Succeeded'
    # The request log sees writes: the first run's creates are there (so "no write" below is not vacuous).
    @(Get-SandboxWrite -Sandbox $script:Sandbox) | Should -Contain 'HubSpot POST /crm/objects/2026-09/{objectType}/batch/upsert'

    # The refused-value cases' mapping, linked once (HubSpot gets the Demo's Void status first, so every invoice links).
    $script:ValuesState = Join-Path $TestDrive 'values.db'
    $script:ValuesYaml = Join-Path $TestDrive 'values.sync.yml'
    New-ValuesMapping | Export-SyncMapping -Path $script:ValuesYaml
    Add-HubSpotOption status Void
    (Start-Sync -Path $script:ValuesYaml -State $script:ValuesState).State | Should -Be 'Succeeded'
    $script:Refused = 0
    $script:Tried = 0
    $script:Values = 0
}

AfterAll {
    $script:Sandbox | Stop-SyncSandbox
    if ($env:SFHSSYNC_FIGURES) {
        @{ kind = 'badinput'; cases = $script:Tried; refused = $script:Refused; values = $script:Values } | ConvertTo-Json -Compress | Add-Content $env:SFHSSYNC_FIGURES
    }
    Get-Module SfHsSync | Remove-Module
}

Describe 'Bad input is refused, named, and changes nothing' {
    It 'has at least 60 cases' -ForEach @(@{ Count = $script:Cases.Count }) {
        $Count | Should -BeGreaterOrEqual 60
    }

    It '<Name>' -ForEach $script:Cases {
        $rowsBefore = @(Get-StateRows)
        $State = $script:State; $Yaml = $script:Yaml; $Sandbox = $script:Sandbox; $PostgresPort = $script:PostgresPort
        $script:Tried++
        if ($Refusal) {
            Assert-RefusedValue -Refusal $Refusal -Id $Id -Category $Category -Message $Message
            @(Get-StateRows) | Should -Be $rowsBefore
            $script:Refused++
            $script:Values++
            return
        }

        $recordsBefore = @(Get-ServiceRecords)
        $mark = Get-SandboxRequestMark -Sandbox $Sandbox
        $caught = $null
        try { & $Run | Out-Null } catch { $caught = $_ }

        $caught | Should -Not -BeNullOrEmpty -Because 'bad input must be refused'
        $caught | Should -BeOfType [Management.Automation.ErrorRecord]
        $caught.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        "$($caught.CategoryInfo.Category)" | Should -Be $Category
        $caught.Exception.Message | Should -Match $Message
        @(Get-StateRows) | Should -Be $rowsBefore
        @(Get-ServiceRecords) | Should -Be $recordsBefore
        (@(Get-SandboxWrite -Sandbox $Sandbox -Skip $mark) -join "`n") | Should -BeNullOrEmpty -Because 'no write request may reach either service'
        $script:Refused++
    }
}
