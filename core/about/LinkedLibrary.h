#pragma once

#include <QList>
#include <QString>
#include <QUrl>

/**
 * @brief A library the authdeck and authdeck-cli executables link at run time, as Help > About lists it.
 *
 * The licenses are those under which Debian 12 ships each library; packaging/copyright (installed as
 * /usr/share/doc/authdeck/copyright) names the same ones.
 */
struct LinkedLibrary
{
    QString name;
    /// The running library's version where it reports one, else the version built against; empty when
    /// neither is known.
    QString version;
    /// The license, as an SPDX expression.
    QString license;
    /// What Authdeck uses it for.
    QString purpose;
    QUrl homepage;

    /// Every linked library, the toolkit first.
    static QList<LinkedLibrary> all();
};
