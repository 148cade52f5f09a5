/*
** main.c: the medel executable.
*/
#include <stdio.h>

#include "cli.h"

int main(int argc, char **argv)
{
    return medel_main(argc, argv, stdout, stderr);
}
