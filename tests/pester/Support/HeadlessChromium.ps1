# Opens a page in real headless Chromium (Debian's chromium package) over the DevTools protocol on loopback: loads it,
# collects every error the page logs (console errors, uncaught exceptions, failed loads), evaluates a script in it and
# takes a full-page screenshot. Dot-source it; Invoke-HeadlessPage does one page and ends the browser it started.

function Get-ChromiumPath {
    foreach ($name in 'chromium', 'chromium-browser', 'google-chrome') {
        $command = Get-Command $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($command) { return $command.Source }
    }
    return $null
}

function Send-DevToolsCommand($Socket, [ref] $NextId, [string] $Method, [hashtable] $Params = @{}, [System.Collections.Generic.List[object]] $Events) {
    $id = $NextId.Value++
    $json = @{ id = $id; method = $Method; params = $Params } | ConvertTo-Json -Depth 10 -Compress
    $bytes = [Text.Encoding]::UTF8.GetBytes($json)
    $null = $Socket.SendAsync([ArraySegment[byte]]::new($bytes), "Text", $true, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    while ($true) {
        $message = Receive-DevToolsMessage $Socket
        if ($message.PSObject.Properties['id'] -and $message.id -eq $id) {
            if ($message.PSObject.Properties['error']) { throw "DevTools $Method failed: $($message.error.message)" }
            return $message.result
        }
        $Events.Add($message)
    }
}

function Receive-DevToolsMessage($Socket) {
    $buffer = [byte[]]::new(1MB)
    $text = [IO.MemoryStream]::new()
    $timeout = [Threading.CancellationTokenSource]::new([TimeSpan]::FromSeconds(60))
    do {
        $result = $Socket.ReceiveAsync([ArraySegment[byte]]::new($buffer), $timeout.Token).GetAwaiter().GetResult()
        $text.Write($buffer, 0, $result.Count)
    } while (-not $result.EndOfMessage)
    [Text.Encoding]::UTF8.GetString($text.ToArray()) | ConvertFrom-Json
}

function Wait-DevToolsEvent($Socket, [string] $Method, [System.Collections.Generic.List[object]] $Events) {
    if ($Events | Where-Object { $_.PSObject.Properties['method'] -and $_.method -eq $Method }) { return }
    while ($true) {
        $message = Receive-DevToolsMessage $Socket
        $Events.Add($message)
        if ($message.PSObject.Properties['method'] -and $message.method -eq $Method) { return }
    }
}

function Get-PageErrors([System.Collections.Generic.List[object]] $Events) {
    # What the page logged as an error: console.error/assert, uncaught exceptions, and the browser's own error entries
    # (a resource that failed to load, a blocked request, a violation).
    foreach ($event in $Events) {
        if (-not $event.PSObject.Properties['method']) { continue }
        switch ($event.method) {
            'Runtime.consoleAPICalled' {
                if ($event.params.type -in 'error', 'assert') { "console.$($event.params.type): $(($event.params.args | ForEach-Object { $_.value }) -join ' ')" }
            }
            'Runtime.exceptionThrown' { "exception: $($event.params.exceptionDetails.text) $($event.params.exceptionDetails.exception.description)" }
            'Log.entryAdded' {
                if ($event.params.entry.level -eq 'error') { "log ($($event.params.entry.source)): $($event.params.entry.text) $($event.params.entry.url)" }
            }
        }
    }
}

function Invoke-HeadlessPage {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $ScreenshotPath,
        [string] $Expression = 'document.title',
        [int] $Width = 1000
    )
    $chromium = Get-ChromiumPath
    if (-not $chromium) { throw 'Chromium is not installed (apt-get install chromium; .ci/run installs it).' }
    $profile = Join-Path ([IO.Path]::GetTempPath()) ("sfhssync-chromium-{0}" -f [guid]::NewGuid())
    New-Item -ItemType Directory -Path $profile | Out-Null
    $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--disable-background-networking',
        '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', "--user-data-dir=$profile", "--window-size=$Width,900", 'about:blank')
    $process = Start-Process -FilePath $chromium -ArgumentList $arguments -PassThru -RedirectStandardError (Join-Path $profile 'stderr.txt') -RedirectStandardOutput (Join-Path $profile 'stdout.txt')
    $socket = $null
    try {
        # With port 0 Chromium picks a free loopback port and writes it to DevToolsActivePort in its profile.
        $portFile = Join-Path $profile 'DevToolsActivePort'
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not (Test-Path $portFile) -or -not (Get-Content $portFile -ErrorAction SilentlyContinue)) {
            if ($process.HasExited) { throw "Chromium exited with $($process.ExitCode): $(Get-Content (Join-Path $profile 'stderr.txt') -Raw)" }
            if ([DateTime]::UtcNow -gt $deadline) { throw 'Chromium did not open its DevTools port within 60 s.' }
            Start-Sleep -Milliseconds 100
        }
        $port = (Get-Content $portFile)[0]
        $page = $null
        while (-not $page) {
            # The page target for about:blank may take a moment to be listed.
            $page = @(Invoke-RestMethod "http://127.0.0.1:$port/json/list") | ForEach-Object { $_ } | Where-Object type -eq 'page' | Select-Object -First 1
            if (-not $page) {
                if ([DateTime]::UtcNow -gt $deadline) { throw 'Chromium listed no page target within 60 s.' }
                Start-Sleep -Milliseconds 100
            }
        }
        $socket = [Net.WebSockets.ClientWebSocket]::new()
        $null = $socket.ConnectAsync([Uri] $page.webSocketDebuggerUrl, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $events = [System.Collections.Generic.List[object]]::new()
        $next = 1
        foreach ($domain in 'Page', 'Runtime', 'Log') { $null = Send-DevToolsCommand $socket ([ref] $next) "$domain.enable" @{} $events }
        $uri = [Uri]::new((Resolve-Path $Path).Path, [UriKind]::Absolute).AbsoluteUri
        $null = Send-DevToolsCommand $socket ([ref] $next) 'Page.navigate' @{ url = $uri } $events
        Wait-DevToolsEvent $socket 'Page.loadEventFired' $events
        $value = (Send-DevToolsCommand $socket ([ref] $next) 'Runtime.evaluate' @{ expression = $Expression; returnByValue = $true } $events).result.value
        $shot = Send-DevToolsCommand $socket ([ref] $next) 'Page.captureScreenshot' @{ format = 'png'; captureBeyondViewport = $true } $events
        [IO.File]::WriteAllBytes($ScreenshotPath, [Convert]::FromBase64String($shot.data))
        [pscustomobject] @{ Value = $value; Errors = @(Get-PageErrors $events); Screenshot = $ScreenshotPath }
    }
    finally {
        if ($socket) { $socket.Dispose() }
        if (-not $process.HasExited) { Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue; $process.WaitForExit(10000) | Out-Null }
        Remove-Item $profile -Recurse -Force -ErrorAction SilentlyContinue
    }
}
