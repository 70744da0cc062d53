# Export-SyncReport on a state with several real runs on the sandbox, opened in real headless Chromium: every chart is
# drawn and holds data, the page logs no error, it references nothing outside itself, and a screenshot is taken.

BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    . (Join-Path $PSScriptRoot 'Support/HeadlessChromium.ps1')

    function New-InvoiceMapping {
        New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices `
            -CreateDirection TwoWay -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
            Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount
    }

    function Set-HubSpotAmount([string] $Id, [string] $Amount) {
        $token = [Net.NetworkCredential]::new('', $script:Sandbox.HubSpot.AccessToken).Password
        Invoke-RestMethod -Method Patch -Uri "$($script:Sandbox.HubSpotUrl)crm/v3/objects/2-1234567/$Id" -Headers @{ Authorization = "Bearer $token" } `
            -ContentType 'application/json' -Body (@{ properties = @{ amount = $Amount } } | ConvertTo-Json) | Out-Null
    }

    function Set-SalesforceAmount([string] $Id, [decimal] $Amount) {
        $token = [Net.NetworkCredential]::new('', $script:Sandbox.Salesforce.AccessToken).Password
        Invoke-RestMethod -Method Patch -Uri "$($script:Sandbox.SalesforceUrl)services/data/v62.0/sobjects/Invoice__c/$Id" -Headers @{ Authorization = "Bearer $token" } `
            -ContentType 'application/json' -Body (@{ Amount__c = $Amount } | ConvertTo-Json) | Out-Null
    }

    # Four runs: an import, a pass with one record refused by Salesforce and one edited on both sides, its retry, a quiet pass.
    $script:Sandbox = Start-SyncSandbox -Seed Demo
    $script:State = Join-Path $TestDrive 'report-state.db'
    $lags = @{ SalesforceCommitLag = [TimeSpan]::Zero; HubSpotSearchLag = [TimeSpan]::Zero }
    $null = New-InvoiceMapping | Import-SalesforceObject -State $script:State @lags
    $token = [Net.NetworkCredential]::new('', $script:Sandbox.HubSpot.AccessToken).Password
    $records = (Invoke-RestMethod -Uri "$($script:Sandbox.HubSpotUrl)crm/v3/objects/2-1234567?limit=3&properties=salesforce_id" -Headers @{ Authorization = "Bearer $token" }).results
    $script:Refused = $records[0].id   # a write to Salesforce failed: the error names the HubSpot record it came from
    $script:Conflicted = $records[1].properties.salesforce_id
    Set-HubSpotAmount $records[0].id '123456789012345678'
    Set-HubSpotAmount $records[1].id '111.11'
    Set-SalesforceAmount $script:Conflicted 222.22
    $null = New-InvoiceMapping | Start-Sync -State $script:State @lags -ErrorAction SilentlyContinue
    $null = New-InvoiceMapping | Start-Sync -State $script:State @lags -ErrorAction SilentlyContinue
    Set-SalesforceAmount $records[2].properties.salesforce_id 333.33
    $null = New-InvoiceMapping | Start-Sync -State $script:State @lags -ErrorAction SilentlyContinue

    $script:ReportPath = Join-Path $TestDrive 'report.html'
    $script:Result = Export-SyncReport -State $script:State -Path $script:ReportPath -PassThru
    $script:ChartCheck = @'
JSON.stringify(Array.from(document.querySelectorAll('figure.chart')).map(function (f) {
  var svg = f.querySelector('svg');
  if (!svg) { return { id: f.dataset.chart, width: 0, height: 0, marks: 0 }; }
  var box = svg.getBoundingClientRect(), area = null, marks = 0, grey = /^rgba?\((\d+), \1, \1(, [\d.]+)?\)$/;
  svg.querySelectorAll('rect').forEach(function (r) { var s = getComputedStyle(r); if (s.fill === 'none' && s.stroke === 'rgb(204, 204, 204)') { area = r.getBBox(); } });
  svg.querySelectorAll('rect, polygon, polyline, ellipse, path').forEach(function (e) {
    var s = getComputedStyle(e), paint = e.tagName === 'polyline' ? s.stroke : s.fill;
    if (!area || !paint || paint === 'none' || grey.test(paint)) { return; }
    var b = e.getBBox(), cx = b.x + b.width / 2, cy = b.y + b.height / 2;
    var drawn = e.tagName === 'polyline' ? b.width + b.height > 0 : b.width * b.height > 0;
    if (drawn && cx >= area.x && cx <= area.x + area.width && cy >= area.y && cy <= area.y + area.height) { marks++; }
  });
  return { id: f.dataset.chart, width: box.width, height: box.height, marks: marks };
}))
'@
}

AfterAll {
    if ($script:Sandbox) { $script:Sandbox | Stop-SyncSandbox }
    Get-Module SfHsSync | Remove-Module
}

Describe 'Export-SyncReport' {
    It 'says what the report holds' {
        $script:Result.Path | Should -Be $script:ReportPath
        $script:Result.Mappings | Should -Be @('Invoices')
        $script:Result.Runs | Should -Be 4
        $script:Result.Charts | Should -Be 5
        $script:Result.OpenErrors | Should -Be 1
        $script:Result.Conflicts | Should -BeGreaterOrEqual 1
    }

    It 'is one file that needs nothing outside itself' {
        $html = Get-Content $script:ReportPath -Raw
        $html | Should -Not -Match '<script|<link|<img|<iframe|@import|\ssrc='
        # The only URLs are the SVG namespaces, which name a vocabulary and are never fetched.
        $urls = [regex]::Matches($html, 'https?://[^"''\s)]+') | ForEach-Object Value | Sort-Object -Unique
        $urls | Should -Be @('http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg')
        ([regex]::Matches($html, '<svg ')).Count | Should -Be 5
    }

    It 'lists the open error with its code and a hint, and the conflict with both values and the winner' {
        $html = Get-Content $script:ReportPath -Raw
        $errors = [regex]::Match($html, '<table data-table="errors">.*?</table>', 'Singleline').Value
        $errors | Should -Match "<td>PropertyValue</td><td>NUMBER_OUTSIDE_VALID_RANGE</td><td>Salesforce</td><td>$($script:Refused)</td>"
        $errors | Should -Match 'Salesforce refuses &#39;123456789012345678&#39; in Amount__c \(HubSpot amount\)'
        $conflicts = [regex]::Match($html, '<table data-table="conflicts">.*?</table>', 'Singleline').Value
        $conflicts | Should -Match "<td>$($script:Conflicted)</td><td>[^<]*</td><td>Amount__c</td><td>222\.22</td><td>111\.11</td><td>Salesforce</td>"
    }

    It 'opens in headless Chromium with every chart drawn and holding data, and logs no error' {
        $shot = Join-Path $TestDrive 'report.png'
        $page = Invoke-HeadlessPage -Path $script:ReportPath -ScreenshotPath $shot -Expression $script:ChartCheck
        $page.Errors | Should -BeNullOrEmpty
        $charts = $page.Value | ConvertFrom-Json
        $charts.id | Should -Be @('records-written', 'failures', 'api-calls', 'limits', 'duration')
        foreach ($chart in $charts) {
            $chart.width | Should -BeGreaterThan 100 -Because "$($chart.id) is laid out"
            $chart.height | Should -BeGreaterThan 50 -Because "$($chart.id) is laid out"
            $chart.marks | Should -BeGreaterThan 0 -Because "$($chart.id) draws its data inside the plot area"
        }

        $bytes = [IO.File]::ReadAllBytes($shot)
        $bytes.Length | Should -BeGreaterThan 20000
        [BitConverter]::ToString($bytes, 0, 4) | Should -Be '89-50-4E-47'
    }

    It 'catches a page that does log an error, so the check above could fail' {
        $broken = Join-Path $TestDrive 'broken.html'
        Set-Content $broken '<html><body><img src="missing.png"><p>x</p></body></html>'
        $page = Invoke-HeadlessPage -Path $broken -ScreenshotPath (Join-Path $TestDrive 'broken.png')
        $page.Errors | Should -Match 'ERR_FILE_NOT_FOUND'
    }

    It 'leaves out runs before -Since, and refuses a mapping the state does not hold and a folder that does not exist' {
        $later = Join-Path $TestDrive 'later.html'
        Export-SyncReport -State $script:State -Path $later -Since (Get-Date).AddDays(1)
        Get-Content $later -Raw | Should -Match 'No runs in this period'
        { Export-SyncReport -State $script:State -Path $later -Mapping Nope -ErrorAction Stop } |
            Should -Throw -ErrorId 'SyncReportMappingNotFound,SfHsSync.Commands.ExportSyncReportCommand'
        { Export-SyncReport -State $script:State -Path (Join-Path $TestDrive 'no/such/folder/r.html') -ErrorAction Stop } |
            Should -Throw -ErrorId 'SyncReportFolderMissing,SfHsSync.Commands.ExportSyncReportCommand'
    }
}
