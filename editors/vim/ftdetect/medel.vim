" Vim filetype detection for medel rule files (*.medel).
autocmd BufRead,BufNewFile *.medel setfiletype medel
