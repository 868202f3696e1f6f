#pragma once

#include <QString>

/**
 * @brief Names a running process so that another process can later tell whether it is still running.
 *
 * The name is the machine's host name and boot, the process ID and the process's start time (from /proc), so
 * that a process ID used again by a later process is not mistaken for the first one.
 */
class ProcessIdentity
{
public:
    /// This process.
    static QString current();

    /// What is known about the process @p identity names, from here.
    enum class State
    {
        Running, ///< it runs on this machine
        Gone, ///< it ran on this machine, since this boot or before it, and runs no longer
        Elsewhere ///< it ran on another machine: whether it runs cannot be told from here
    };
    static State stateOf(const QString &identity);
};
