#include "Theme.h"

#include "ui/shell/TintedSvgIconEngine.h"

#include <QApplication>
#include <QFile>
#include <QGuiApplication>
#include <QPalette>
#include <QStyleFactory>

namespace {

using Tokens = QHash<QString, QString>;

const Tokens &lightTokens()
{
    static const Tokens tokens {
        {QStringLiteral("bg"), QStringLiteral("#f6f7f9")},
        {QStringLiteral("surface"), QStringLiteral("#ffffff")},
        {QStringLiteral("sidebar"), QStringLiteral("#fbfbfc")},
        {QStringLiteral("text"), QStringLiteral("#1d2433")},
        {QStringLiteral("muted"), QStringLiteral("#667085")},
        {QStringLiteral("border"), QStringLiteral("#e3e6eb")},
        {QStringLiteral("rowLine"), QStringLiteral("#eef0f3")},
        {QStringLiteral("hover"), QStringLiteral("#eef0f4")},
        {QStringLiteral("input"), QStringLiteral("#ffffff")},
        {QStringLiteral("readonly"), QStringLiteral("#f2f4f7")},
        {QStringLiteral("chip"), QStringLiteral("#eef0f4")},
        {QStringLiteral("accent"), QStringLiteral("#4f46e5")},
        {QStringLiteral("accentHover"), QStringLiteral("#4338ca")},
        {QStringLiteral("accentSoft"), QStringLiteral("#eceafd")},
        {QStringLiteral("accentText"), QStringLiteral("#4338ca")},
        {QStringLiteral("accentDisabled"), QStringLiteral("#a5a1f0")},
        {QStringLiteral("danger"), QStringLiteral("#d92d20")},
        {QStringLiteral("dangerSoft"), QStringLiteral("#fef3f2")},
        {QStringLiteral("success"), QStringLiteral("#079455")},
        {QStringLiteral("successSoft"), QStringLiteral("#ecfdf3")},
        {QStringLiteral("warning"), QStringLiteral("#dc6803")},
        {QStringLiteral("warningSoft"), QStringLiteral("#fffaeb")},
        {QStringLiteral("info"), QStringLiteral("#4f46e5")},
        {QStringLiteral("infoSoft"), QStringLiteral("#f4f3ff")},
        {QStringLiteral("scroll"), QStringLiteral("#d0d5dd")},
        {QStringLiteral("onAccent"), QStringLiteral("#ffffff")},
        {QStringLiteral("mode"), QStringLiteral("light")},
    };
    return tokens;
}

const Tokens &darkTokens()
{
    static const Tokens tokens {
        {QStringLiteral("bg"), QStringLiteral("#111318")},
        {QStringLiteral("surface"), QStringLiteral("#1a1d24")},
        {QStringLiteral("sidebar"), QStringLiteral("#15171c")},
        {QStringLiteral("text"), QStringLiteral("#e6e8ec")},
        {QStringLiteral("muted"), QStringLiteral("#98a2b3")},
        {QStringLiteral("border"), QStringLiteral("#2c313c")},
        {QStringLiteral("rowLine"), QStringLiteral("#232731")},
        {QStringLiteral("hover"), QStringLiteral("#232731")},
        {QStringLiteral("input"), QStringLiteral("#13151a")},
        {QStringLiteral("readonly"), QStringLiteral("#1f232b")},
        {QStringLiteral("chip"), QStringLiteral("#262a35")},
        {QStringLiteral("accent"), QStringLiteral("#6366f1")},
        {QStringLiteral("accentHover"), QStringLiteral("#7c7ff5")},
        {QStringLiteral("accentSoft"), QStringLiteral("#272a4a")},
        {QStringLiteral("accentText"), QStringLiteral("#a5b4fc")},
        {QStringLiteral("accentDisabled"), QStringLiteral("#3b3d6b")},
        {QStringLiteral("danger"), QStringLiteral("#f97066")},
        {QStringLiteral("dangerSoft"), QStringLiteral("#3a1f1f")},
        {QStringLiteral("success"), QStringLiteral("#47cd89")},
        {QStringLiteral("successSoft"), QStringLiteral("#16301f")},
        {QStringLiteral("warning"), QStringLiteral("#fdb022")},
        {QStringLiteral("warningSoft"), QStringLiteral("#33290f")},
        {QStringLiteral("info"), QStringLiteral("#818cf8")},
        {QStringLiteral("infoSoft"), QStringLiteral("#1f2142")},
        {QStringLiteral("scroll"), QStringLiteral("#3a404d")},
        {QStringLiteral("onAccent"), QStringLiteral("#ffffff")},
        {QStringLiteral("mode"), QStringLiteral("dark")},
    };
    return tokens;
}

QPalette paletteFor(const Tokens &t)
{
    QPalette p;
    const auto c = [&t](const char *name) { return QColor(t.value(QLatin1String(name))); };
    p.setColor(QPalette::Window, c("bg"));
    p.setColor(QPalette::WindowText, c("text"));
    p.setColor(QPalette::Base, c("input"));
    p.setColor(QPalette::AlternateBase, c("surface"));
    p.setColor(QPalette::Text, c("text"));
    p.setColor(QPalette::Button, c("surface"));
    p.setColor(QPalette::ButtonText, c("text"));
    p.setColor(QPalette::Highlight, c("accent"));
    p.setColor(QPalette::HighlightedText, QColor(Qt::white));
    p.setColor(QPalette::ToolTipBase, c("surface"));
    p.setColor(QPalette::ToolTipText, c("text"));
    p.setColor(QPalette::PlaceholderText, c("muted"));
    p.setColor(QPalette::Link, c("accentText"));
    p.setColor(QPalette::Mid, c("border"));
    p.setColor(QPalette::Disabled, QPalette::Text, c("muted"));
    p.setColor(QPalette::Disabled, QPalette::WindowText, c("muted"));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, c("muted"));
    return p;
}

QString styleSheetFor(const Tokens &tokens)
{
    QFile file(QStringLiteral(":/authdeck/styles/authdeck.qss"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString sheet = QString::fromUtf8(file.readAll());
    for (auto it = tokens.cbegin(); it != tokens.cend(); ++it)
        sheet.replace(QLatin1Char('@') + it.key() + QLatin1Char('@'), it.value());
    return sheet;
}

} // namespace

Theme &Theme::instance()
{
    static Theme theme;
    return theme;
}

bool Theme::systemPrefersDark()
{
    // Qt 6.4 has no colour-scheme hint: read what the platform palette says before we replace it.
    static const bool dark = [] {
        const QPalette system = QGuiApplication::palette();
        return system.color(QPalette::Window).lightness() < system.color(QPalette::WindowText).lightness();
    }();
    return dark;
}

void Theme::apply(Mode mode)
{
    const bool dark = mode == Mode::Dark || (mode == Mode::System && systemPrefersDark());
    m_mode = mode;
    m_dark = dark;
    m_tokens = dark ? darkTokens() : lightTokens();
    m_icons.clear();

    auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
    if (app) {
        app->setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        app->setPalette(paletteFor(m_tokens));
        app->setStyleSheet(styleSheetFor(m_tokens));
    }
    Q_EMIT changed();
}

QColor Theme::color(const QString &token) const
{
    return QColor(m_tokens.value(token, QStringLiteral("#888888")));
}

QIcon Theme::icon(const QString &name, const QString &token) const
{
    const QString cacheKey = name + QLatin1Char('/') + token;
    if (auto cached = m_icons.constFind(cacheKey); cached != m_icons.cend())
        return *cached;

    QFile file(QStringLiteral(":/authdeck/icons/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    svg.replace("currentColor", color(token).name().toLatin1());
    const QIcon icon(new TintedSvgIconEngine(svg));
    m_icons.insert(cacheKey, icon);
    return icon;
}

QString Theme::modeKey(Mode mode)
{
    switch (mode) {
    case Mode::Light:
        return QStringLiteral("light");
    case Mode::Dark:
        return QStringLiteral("dark");
    case Mode::System:
        break;
    }
    return QStringLiteral("system");
}

Theme::Mode Theme::modeFromKey(const QString &key)
{
    if (key == QLatin1String("light"))
        return Mode::Light;
    if (key == QLatin1String("dark"))
        return Mode::Dark;
    return Mode::System;
}
