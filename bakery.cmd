@echo off
rem bakery.cmd - run the whole bakery on this machine, without Docker (Windows; ./bakery on Linux and macOS).
rem
rem The launcher is Java: bakery-launcher (see its BakeryCommand and the README's "Run without Docker"). This shim only
rem builds it when it is missing, runs it, and builds everything when the launcher says the jars are older than the
rem sources (exit status 10), then runs it again.
setlocal
set "ROOT=%~dp0"
set "JAR=%ROOT%bakery-launcher\target\bakery-launcher.jar"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"

cd /d "%ROOT%"
if not exist "%JAR%" (
	echo bakery: Building the bakery ^(the first build downloads Maven and the dependencies: a few minutes^) ...
	call :build || exit /b 1
)
"%JAVA%" -jar "%JAR%" %*
if %ERRORLEVEL% neq 10 exit /b %ERRORLEVEL%
call :build || exit /b 1
"%JAVA%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%

:build
call "%ROOT%mvnw.cmd" -B -q -DskipTests package
if errorlevel 1 (
	echo bakery: the build failed ^(see above^) 1>&2
	exit /b 1
)
if not exist "%ROOT%.bakery" mkdir "%ROOT%.bakery"
type nul > "%ROOT%.bakery\build.stamp"
exit /b 0
