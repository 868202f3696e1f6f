#include "DependencyInstaller.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <memory>

namespace {

const QString kCompleteMarker = QStringLiteral(".authdeck-complete");

bool isVersionSpec(const QString &version)
{
    static const QString partial = QStringLiteral(
        "v?(?:0|[1-9]\\d*|[xX*])(?:\\.(?:0|[1-9]\\d*|[xX*])){0,2}(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?");
    static const QRegularExpression comparator(QStringLiteral("^(?:[<>]=?|=|~|\\^)?") + partial
                                               + QStringLiteral("$"));
    static const QRegularExpression hyphen(QStringLiteral("^") + partial + QStringLiteral("\\s+-\\s+")
                                           + partial + QStringLiteral("$"));
    static const QRegularExpression tag(QStringLiteral("^[A-Za-z][A-Za-z0-9._-]*$"));
    static const QRegularExpression operatorSpace(QStringLiteral("([<>]=?|=|~|\\^)\\s+"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));

    if (tag.match(version).hasMatch())
        return true;
    const QStringList ranges = version.split(QStringLiteral("||"));
    for (const QString &raw : ranges) {
        const QString range = raw.trimmed();
        if (range.isEmpty())
            return false;
        if (hyphen.match(range).hasMatch())
            continue;
        const QStringList comparators
            = QString(range).replace(operatorSpace, QStringLiteral("\\1")).split(spaces);
        for (const QString &part : comparators) {
            if (!comparator.match(part).hasMatch())
                return false;
        }
    }
    return true;
}

/// The lines npm wrote after "npm error" (npm 7+) or "npm ERR!" (older), without the prefix.
QStringList npmErrorLines(const QString &output)
{
    static const QRegularExpression prefix(QStringLiteral("^npm (?:error|ERR!) ?"));
    QStringList lines;
    const QStringList all = output.split(QLatin1Char('\n'));
    for (const QString &line : all) {
        const auto match = prefix.match(line);
        if (match.hasMatch())
            lines.append(line.mid(match.capturedLength()).trimmed());
    }
    return lines;
}

/// The package named in "'name@1.0.0' is not in this registry" (or the 404 GET URL), or an empty string.
QString missingPackage(const QStringList &lines)
{
    static const QRegularExpression notInRegistry(QStringLiteral("'(.+)' is not in this registry"));
    static const QRegularExpression notFoundUrl(QStringLiteral("404 Not Found - GET \\S+/(\\S+)"));
    for (const QString &line : lines) {
        if (const auto match = notInRegistry.match(line); match.hasMatch()) {
            const QString spec = match.captured(1);
            const int at = spec.lastIndexOf(QLatin1Char('@'));
            return at > 0 ? spec.left(at) : spec;
        }
    }
    for (const QString &line : lines) {
        if (const auto match = notFoundUrl.match(line); match.hasMatch())
            return QUrl::fromPercentEncoding(match.captured(1).toUtf8());
    }
    return {};
}

/// An admin's sentence for npm's failure, from what npm wrote on its error output.
Error npmFailure(const QString &output, const QString &registry)
{
    const QStringList lines = npmErrorLines(output);
    static const QRegularExpression codeLine(QStringLiteral("^code (\\S+)$"));
    QString code;
    for (const QString &line : lines) {
        if (const auto match = codeLine.match(line); match.hasMatch()) {
            code = match.captured(1);
            break;
        }
    }
    // The first line that says something: not a field of the error object, a stack frame or the log path.
    static const QRegularExpression noise(
        QStringLiteral("^(?:$|code |errno |syscall |at |A complete log|Log files were not written)"));
    QString reason;
    for (const QString &line : lines) {
        if (!noise.match(line).hasMatch()) {
            reason = line;
            break;
        }
    }
    if (reason.isEmpty())
        reason = output.trimmed().section(QLatin1Char('\n'), -1);

    static const QStringList offline {QStringLiteral("ENOTFOUND"),
                                      QStringLiteral("EAI_AGAIN"),
                                      QStringLiteral("ECONNREFUSED"),
                                      QStringLiteral("ECONNRESET"),
                                      QStringLiteral("ETIMEDOUT"),
                                      QStringLiteral("ENETUNREACH")};
    if (offline.contains(code))
        return Error(
            Error::Kind::Unavailable,
            DependencyInstaller::tr("Could not reach the npm registry (%1): %2").arg(registry, reason));
    if (code == QLatin1String("E404")) {
        const QString package = missingPackage(lines);
        if (!package.isEmpty())
            return Error(Error::Kind::Invalid,
                         DependencyInstaller::tr("Package %1 was not found in the registry.").arg(package));
    }
    if (code == QLatin1String("ETARGET")) {
        static const QRegularExpression noMatch(QStringLiteral("No matching version found for (\\S+?)\\.?$"));
        for (const QString &line : lines) {
            if (const auto match = noMatch.match(line); match.hasMatch()) {
                const QString spec = match.captured(1);
                const int at = spec.lastIndexOf(QLatin1Char('@'));
                return Error(Error::Kind::Invalid,
                             DependencyInstaller::tr("No version of %1 matches %2.")
                                 .arg(spec.left(at), spec.mid(at + 1)));
            }
        }
    }
    return Error(Error::Kind::Invalid,
                 DependencyInstaller::tr("npm could not install the dependencies: %1").arg(reason));
}

} // namespace

DependencyInstaller::DependencyInstaller(QObject *parent)
    : QObject(parent)
    , m_cacheRoot(defaultCacheRoot())
    , m_npmProgram(QStringLiteral("npm"))
{ }

QString DependencyInstaller::defaultCacheRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/actions");
}

QUrl DependencyInstaller::defaultRegistry()
{
    return QUrl(QStringLiteral("https://registry.npmjs.org/"));
}

QString DependencyInstaller::problem(const ActionDependency &dependency)
{
    static const QRegularExpression name(
        QStringLiteral("^(?:@[a-z0-9~][a-z0-9._~-]*/)?[a-z0-9~][a-z0-9._~-]*$"));
    const QString &package = dependency.name;
    if (package.isEmpty())
        return tr("Give each package a name.");
    if (package.size() > 214)
        return tr("The package name %1… is longer than 214 characters.").arg(package.left(40));
    if (!name.match(package).hasMatch() || package == QLatin1String("node_modules")
        || package == QLatin1String("favicon.ico"))
        return tr("“%1” is not an npm package name: use lower-case letters, digits and - . _ ~, "
                  "optionally after an @scope/.")
            .arg(package);
    if (dependency.version.trimmed().isEmpty())
        return tr("Give a version for %1, for example latest or ^1.0.0.").arg(package);
    if (dependency.version.size() > 256 || !isVersionSpec(dependency.version.trimmed()))
        return tr("“%1” is not a version, range or tag of %2 that npm can install.")
            .arg(dependency.version, package);
    return {};
}

QString DependencyInstaller::problem(const QList<ActionDependency> &dependencies)
{
    QSet<QString> seen;
    for (const ActionDependency &dependency : dependencies) {
        if (QString text = problem(dependency); !text.isEmpty())
            return text;
        if (seen.contains(dependency.name))
            return tr("%1 is listed twice: keep one version of it.").arg(dependency.name);
        seen.insert(dependency.name);
    }
    return {};
}

QString DependencyInstaller::cacheKey(const QList<ActionDependency> &dependencies)
{
    QStringList specs;
    for (const ActionDependency &dependency : dependencies)
        specs.append(dependency.spec());
    std::sort(specs.begin(), specs.end());
    const QByteArray list = specs.join(QLatin1Char('\n')).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(list, QCryptographicHash::Sha256).toHex());
}

QString DependencyInstaller::modulesDir(const QList<ActionDependency> &dependencies) const
{
    if (dependencies.isEmpty())
        return {};
    return m_cacheRoot + QLatin1Char('/') + cacheKey(dependencies) + QStringLiteral("/node_modules");
}

bool DependencyInstaller::isInstalled(const QList<ActionDependency> &dependencies) const
{
    if (dependencies.isEmpty())
        return true;
    const QString folder = m_cacheRoot + QLatin1Char('/') + cacheKey(dependencies);
    return QFileInfo::exists(folder + QLatin1Char('/') + kCompleteMarker)
        && QFileInfo(modulesDir(dependencies)).isDir();
}

DependencyInstallJob *DependencyInstaller::install(const QList<ActionDependency> &dependencies)
{
    auto *job = new DependencyInstallJob(this);
    if (dependencies.isEmpty())
        job->succeed({}, true);
    else if (const QString text = problem(dependencies); !text.isEmpty())
        job->fail(Error(Error::Kind::Invalid, text));
    else if (isInstalled(dependencies))
        job->succeed(modulesDir(dependencies), true);
    else
        runNpm(job, dependencies);
    return job;
}

QString DependencyInstaller::registryName() const
{
    return (m_registry.isEmpty() ? defaultRegistry() : m_registry).toString();
}

void DependencyInstaller::runNpm(DependencyInstallJob *job, const QList<ActionDependency> &dependencies)
{
    const QString key = cacheKey(dependencies);
    const QString target = m_cacheRoot + QLatin1Char('/') + key;
    const QString staging = m_cacheRoot + QStringLiteral("/.staging-") + key + QLatin1Char('-')
        + QUuid::createUuid().toString(QUuid::Id128);
    if (!QDir().mkpath(staging)) {
        job->fail(
            Error(Error::Kind::Storage, tr("Cannot create the dependency cache folder %1.").arg(staging)));
        return;
    }

    QStringList arguments {QStringLiteral("install"),
                           QStringLiteral("--no-audit"),
                           QStringLiteral("--no-fund"),
                           QStringLiteral("--no-package-lock"),
                           QStringLiteral("--ignore-scripts"),
                           QStringLiteral("--omit=dev"),
                           QStringLiteral("--fetch-retries=%1").arg(m_fetchRetries),
                           QStringLiteral("--prefix"),
                           staging};
    if (!m_registry.isEmpty())
        arguments << QStringLiteral("--registry") << m_registry.toString();
    for (const ActionDependency &dependency : dependencies)
        arguments.append(dependency.name + QLatin1Char('@') + dependency.version.trimmed());

    auto *process = new QProcess(job);
    auto *timer = new QTimer(job);
    auto timedOut = std::make_shared<bool>(false);
    process->setProgram(m_npmProgram);
    process->setArguments(arguments);
    process->setWorkingDirectory(staging);
    process->setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NPM_CONFIG_UPDATE_NOTIFIER"), QStringLiteral("false"));
    process->setProcessEnvironment(environment);

    QStringList sortedSpecs = arguments.mid(arguments.size() - dependencies.size());
    std::sort(sortedSpecs.begin(), sortedSpecs.end());
    const QByteArray specs = sortedSpecs.join(QLatin1Char('\n')).toUtf8() + '\n';
    const QString program = m_npmProgram;
    const QString registry = registryName();
    const int timeoutMs = m_timeoutMs;
    auto discard = [staging] { QDir(staging).removeRecursively(); };

    connect(process, &QProcess::errorOccurred, job, [=](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return; // finished() follows and reports it
        timer->stop();
        discard();
        job->fail(Error(Error::Kind::Unavailable,
                        tr("npm is not installed: %1 could not be started (%2). Install Node.js and npm, "
                           "for example with sudo apt install npm.")
                            .arg(program, process->errorString())));
    });
    connect(process, &QProcess::finished, job, [=](int exitCode, QProcess::ExitStatus status) {
        timer->stop();
        const QString output = QString::fromUtf8(process->readAll());
        if (*timedOut || status != QProcess::NormalExit || exitCode != 0) {
            discard();
            if (*timedOut)
                job->fail(
                    Error(Error::Kind::Timeout,
                          tr("npm did not finish installing the dependencies within %1 s and was stopped.")
                              .arg(timeoutMs / 1000)));
            else
                job->fail(npmFailure(output, registry));
            return;
        }
        QFile marker(staging + QLatin1Char('/') + kCompleteMarker);
        if (!marker.open(QIODevice::WriteOnly) || marker.write(specs) < 0) {
            discard();
            job->fail(Error(Error::Kind::Storage,
                            tr("Cannot write to the dependency cache folder %1.").arg(staging)));
            return;
        }
        marker.close();
        // An incomplete folder of an earlier run is never used: replace it. A complete one installed
        // meanwhile by another job is as good as ours.
        if (!QFileInfo::exists(target + QLatin1Char('/') + kCompleteMarker))
            QDir(target).removeRecursively();
        if (!QDir().rename(staging, target)) {
            discard();
            if (!QFileInfo::exists(target + QLatin1Char('/') + kCompleteMarker)) {
                job->fail(Error(Error::Kind::Storage,
                                tr("Cannot move the installed dependencies into %1.").arg(target)));
                return;
            }
        }
        job->succeed(target + QStringLiteral("/node_modules"), false);
    });
    connect(timer, &QTimer::timeout, job, [=] {
        *timedOut = true;
        process->kill();
    });

    timer->setSingleShot(true);
    timer->start(m_timeoutMs);
    process->start();
}
