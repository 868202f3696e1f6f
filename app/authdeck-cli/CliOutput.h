#pragma once

#include <QString>

#include <cstdio>

/// What authdeck-cli's commands print and how they end: shared by main.cpp and the command files.
namespace Cli {

enum Exit
{
    Ok = 0,
    Failure = 1,
    Usage = 2,
    PortBusy = 3,
    NoServer = 4,
};

/// Prints "authdeck-cli: <message>" on standard error; returns @p code.
inline int fail(const QString &message, int code = Failure)
{
    std::fprintf(stderr, "authdeck-cli: %s\n", qPrintable(message));
    return code;
}

/// Prints "authdeck-cli: <message>" on standard error, for something the user should know that ends nothing.
inline void note(const QString &message)
{
    std::fprintf(stderr, "authdeck-cli: %s\n", qPrintable(message));
}

/// Prints @p line on standard output at once.
inline void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

} // namespace Cli
