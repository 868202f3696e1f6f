// bench_bare_window: the floor for bench_startup. An empty QMainWindow at authdeck's default size,
// shown, then quit on the first turn of the event loop, exactly as authdeck --quit-when-shown does.
// With --with-text it also shows a menu bar and one label, so that it pays what any window with text
// pays (fontconfig and the first font load): the floor for a window that shows anything to read.
// With --stay it stays open after showing (the floor for bench_idle_memory) until it is killed.

#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.resize(1280, 820);
    if (app.arguments().contains(QStringLiteral("--with-text"))) {
        window.menuBar()->addMenu(QStringLiteral("&File"));
        window.setCentralWidget(new QLabel(QStringLiteral("Getting Started"), &window));
    }
    window.show();
    if (!app.arguments().contains(QStringLiteral("--stay")))
        QTimer::singleShot(0, &app, &QApplication::quit);
    return app.exec();
}
