# The module's root: it puts the engine's resolver in place, then imports the cmdlet assembly beside it.
# The engine and every library it uses live in Dependencies/ and load into a private load context
# (src/SfHsSync/Loading/ModuleInitializer.cs). PowerShell reads every type of a binary module before it calls the
# module's IModuleAssemblyInitializer, and cmdlets with engine-typed parameters (enums) need the engine to be read,
# so the resolver is registered here first; the initializer's own call when the assembly is imported then finds it
# in place.
$assembly = [System.Reflection.Assembly]::LoadFrom((Join-Path $PSScriptRoot 'SfHsSync.dll'))
[System.Activator]::CreateInstance($assembly.GetType('SfHsSync.Commands.Loading.ModuleInitializer', $true)).OnImport()
Import-Module (Join-Path $PSScriptRoot 'SfHsSync.dll')
Export-ModuleMember -Cmdlet *
